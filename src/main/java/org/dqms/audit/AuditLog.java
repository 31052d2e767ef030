package org.dqms.audit;

import java.time.Clock;
import java.util.Map;
import org.dqms.platform.PageView;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Writes and reads the audit log. The listeners decide in which transaction an entry is written. */
@Service
class AuditLog {

    private final AuditRepository entries;
    private final Clock clock;

    AuditLog(AuditRepository entries, Clock clock) {
        this.entries = entries;
        this.clock = clock;
    }

    /**
     * Records an entry in the caller's transaction: it commits with the change it describes, and a
     * change that rolls back leaves no entry.
     */
    @Transactional
    void record(String actor, AuditAction action, String target, Map<String, ?> details) {
        entries.insert(clock.instant(), actor, action, target, ClientAddress.current(), details);
    }

    /** Records an entry in a transaction of its own, committed whatever becomes of the caller's. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void recordAlone(String actor, AuditAction action, String target, String clientIp, Map<String, ?> details) {
        entries.insert(
                clock.instant(), actor, action, target, clientIp == null ? ClientAddress.current() : clientIp, details);
    }

    /** Page {@code page} (from 0) of {@code size} entries, newest first. */
    @Transactional(readOnly = true)
    PageView<AuditEntry> page(AuditFilter filter, int page, int size) {
        return PageView.of(entries.page(filter, size, (long) page * size), page, size, entries.count(filter));
    }
}
