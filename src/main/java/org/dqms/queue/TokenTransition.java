package org.dqms.queue;

import java.time.Instant;

/**
 * One line of a token's history: who moved it from which status to which, when and why.
 *
 * @param from the status before; null for the join
 */
public record TokenTransition(TokenStatus from, TokenStatus to, String actor, String reason, Instant at) {}
