package org.dqms.platform;

import java.util.Map;

/**
 * A field whose value is well-formed but that this deployment cannot take, such as a notification
 * channel it has no sender for: 400 naming the field in {@code errors}, as other invalid fields are,
 * with properties that help the client choose again.
 */
public class InvalidFieldException extends RuntimeException {

    private final String field;
    private final String problem;
    private final Map<String, Object> properties;

    public InvalidFieldException(String field, String problem, Map<String, Object> properties) {
        super(field + ": " + problem);
        this.field = field;
        this.problem = problem;
        this.properties = Map.copyOf(properties);
    }

    public String field() {
        return field;
    }

    /** What is wrong, without the field's name. */
    public String problem() {
        return problem;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
