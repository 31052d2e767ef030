package org.dqms.audit;

import java.time.Instant;

/**
 * Which entries to list; a null field matches every entry.
 *
 * @param from the earliest time, inclusive
 * @param to the time up to which, exclusive
 */
record AuditFilter(AuditAction action, String actor, Instant from, Instant to) {}
