package org.dqms.platform;

import java.util.Map;

/**
 * A well-formed request that asks for something that cannot exist, such as a booking at an hour
 * the department is closed: 422 with a Problem Details body naming what is wrong.
 */
public class UnprocessableException extends RuntimeException {

    private final String title;
    private final Map<String, Object> properties;

    public UnprocessableException(String title, String detail, Map<String, Object> properties) {
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
