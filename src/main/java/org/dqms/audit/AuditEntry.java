package org.dqms.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One line of the audit log.
 *
 * @param actor who acted, as {@link org.dqms.platform.Actor#label()}; {@code anonymous} for a
 *     failed sign-in
 * @param target what was acted on, e.g. {@code department:3} or a masked email
 * @param clientIp the caller's address, or null for what dqms did on its own (a sweep)
 * @param details ids and statuses that explain the action; never a password, token or full email
 */
record AuditEntry(
        long id,
        Instant at,
        String actor,
        AuditAction action,
        String target,
        String clientIp,
        Map<String, Object> details) {}
