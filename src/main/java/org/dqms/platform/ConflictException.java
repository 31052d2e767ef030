package org.dqms.platform;

import java.util.Map;

/**
 * A request that is valid but conflicts with the current state, e.g. calling a token that is
 * already completed, or joining a closed department; answered with 409 and the given properties
 * in the Problem Details body.
 */
public class ConflictException extends RuntimeException {

    private final String title;
    private final Map<String, Object> properties;

    public ConflictException(String title, String detail, Map<String, Object> properties) {
        super(detail);
        this.title = title;
        this.properties = Map.copyOf(properties);
    }

    public String title() {
        return title;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
