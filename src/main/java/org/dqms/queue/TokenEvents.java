package org.dqms.queue;

import java.time.Instant;

/**
 * What happened to tokens, published after each transition. Live updates, notifications and the
 * audit log listen to these; they are never called inline.
 */
public final class TokenEvents {

    private TokenEvents() {}

    /** A common view of every token event. */
    public sealed interface TokenEvent
            permits TokenJoined,
                    TokenCalled,
                    TokenRecalled,
                    TokenStarted,
                    TokenCompleted,
                    TokenMarkedNoShow,
                    TokenCancelled,
                    TokenTransferred,
                    TokenExpired,
                    TokenPreferenceReleased {
        long tokenId();

        long departmentId();

        Instant at();

        /** Who made it happen, as the token's history line says ({@code Actor#label}). */
        String actor();
    }

    public record TokenJoined(long tokenId, long departmentId, Instant at, String actor) implements TokenEvent {}

    public record TokenCalled(
            long tokenId, long departmentId, long doctorId, CallReason reason, Instant at, String actor)
            implements TokenEvent {}

    public record TokenRecalled(long tokenId, long departmentId, Instant at, String actor) implements TokenEvent {}

    public record TokenStarted(long tokenId, long departmentId, long doctorId, Instant at, String actor)
            implements TokenEvent {}

    public record TokenCompleted(long tokenId, long departmentId, long doctorId, Instant at, String actor)
            implements TokenEvent {}

    public record TokenMarkedNoShow(long tokenId, long departmentId, Instant at, String actor) implements TokenEvent {}

    public record TokenCancelled(long tokenId, long departmentId, Instant at, String actor) implements TokenEvent {}

    public record TokenTransferred(long tokenId, long departmentId, long nextTokenId, Instant at, String actor)
            implements TokenEvent {}

    public record TokenExpired(long tokenId, long departmentId, Instant at, String actor) implements TokenEvent {}

    /** The doctor the patient waited for no longer sees the department; any of its doctors may call them. */
    public record TokenPreferenceReleased(long tokenId, long departmentId, long doctorId, Instant at, String actor)
            implements TokenEvent {}
}
