package org.dqms.platform;

/**
 * A signed-in caller whose role allows the endpoint but not this particular thing, e.g. reception
 * acting outside its departments; answered with 403.
 */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String detail) {
        super(detail);
    }
}
