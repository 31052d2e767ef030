package org.dqms.queue;

import java.util.Map;
import org.dqms.platform.ConflictException;

/** A transition the token's current status does not allow; answered with 409. */
public class IllegalTransitionException extends ConflictException {

    IllegalTransitionException(long tokenId, TokenStatus current, String action) {
        super(
                "Token is " + current,
                "Token " + tokenId + " is " + current + " and cannot " + action + ".",
                Map.of("currentStatus", current.name(), "action", action));
    }
}
