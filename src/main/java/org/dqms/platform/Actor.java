package org.dqms.platform;

import java.util.Objects;

/**
 * Who performs an action: passed explicitly to every service method that changes state, so that
 * authorization rules can be put on it and the history can say who did what.
 *
 * @param kind what kind of actor: a patient, staff, or the system itself
 * @param id a stable identifier within that kind, e.g. a user id; never a phone number
 */
public record Actor(Kind kind, String id) {

    /** The kinds of actor. */
    public enum Kind {
        /** A patient, possibly anonymous (identified by the token's capability link). */
        PATIENT,
        /** A member of staff: reception, a doctor or an admin. */
        STAFF,
        /** dqms itself, e.g. the closing-time expiry. */
        SYSTEM
    }

    public static final Actor SYSTEM = new Actor(Kind.SYSTEM, "dqms");

    public Actor {
        Objects.requireNonNull(kind, "kind");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an actor needs an id");
        }
    }

    public static Actor staff(String id) {
        return new Actor(Kind.STAFF, id);
    }

    public static Actor patient(String id) {
        return new Actor(Kind.PATIENT, id);
    }

    /** How the actor is written in a token's history, e.g. {@code staff:reception-1}. */
    public String label() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
    }
}
