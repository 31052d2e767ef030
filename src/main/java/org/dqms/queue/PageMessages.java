package org.dqms.queue;

import org.dqms.platform.ConflictException;

/** The message keys under which the pages explain the queue's refusals in the visitor's language. */
final class PageMessages {

    private PageMessages() {}

    /**
     * {@code queue.refused.closed}, {@code queue.refused.full}, ...; {@code queue.refused.transition}
     * for a transition that does not apply to the token's status; a generic key for the rest.
     */
    static String conflict(ConflictException e) {
        if (e instanceof IllegalTransitionException) {
            return "queue.refused.transition";
        }
        Object reason = e.properties().get("reason");
        if (reason != null) {
            return "queue.refused." + reason;
        }
        return switch (e.title()) {
            case "Doctor busy" -> "queue.refused.doctor-busy";
            case "Doctor not on duty" -> "queue.refused.not-on-duty";
            default -> "queue.refused.other";
        };
    }
}
