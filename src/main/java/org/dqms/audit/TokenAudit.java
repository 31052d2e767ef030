package org.dqms.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.dqms.queue.TokenEvents.TokenCalled;
import org.dqms.queue.TokenEvents.TokenCancelled;
import org.dqms.queue.TokenEvents.TokenCompleted;
import org.dqms.queue.TokenEvents.TokenEvent;
import org.dqms.queue.TokenEvents.TokenExpired;
import org.dqms.queue.TokenEvents.TokenJoined;
import org.dqms.queue.TokenEvents.TokenMarkedNoShow;
import org.dqms.queue.TokenEvents.TokenPreferenceReleased;
import org.dqms.queue.TokenEvents.TokenRecalled;
import org.dqms.queue.TokenEvents.TokenStarted;
import org.dqms.queue.TokenEvents.TokenTransferred;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What staff (and dqms itself, at closing time or after a no-show timeout) did to tokens, recorded
 * inside the transaction of the transition, so entry and transition commit together. Who acted is
 * the event's actor, the same as on the history line the transition wrote. Joining is the patient's
 * own act, not a staff action, and is not recorded; the history and the patient's details stay in
 * the queue.
 */
@Component
class TokenAudit {

    private static final Logger LOG = LoggerFactory.getLogger(TokenAudit.class);

    private final AuditLog log;

    TokenAudit(AuditLog log) {
        this.log = log;
    }

    @EventListener
    void on(TokenEvent event) {
        if (event instanceof TokenJoined) {
            return;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("departmentId", event.departmentId());
        AuditAction action;
        if (event instanceof TokenCalled called) {
            action = AuditAction.TOKEN_CALLED;
            details.put("doctorId", called.doctorId());
            details.put("callReason", called.reason().name());
        } else if (event instanceof TokenRecalled) {
            action = AuditAction.TOKEN_RECALLED;
        } else if (event instanceof TokenStarted started) {
            action = AuditAction.TOKEN_STARTED;
            details.put("doctorId", started.doctorId());
        } else if (event instanceof TokenCompleted completed) {
            action = AuditAction.TOKEN_COMPLETED;
            details.put("doctorId", completed.doctorId());
        } else if (event instanceof TokenMarkedNoShow) {
            action = AuditAction.TOKEN_NO_SHOW;
        } else if (event instanceof TokenCancelled) {
            action = AuditAction.TOKEN_CANCELLED;
        } else if (event instanceof TokenTransferred transferred) {
            action = AuditAction.TOKEN_TRANSFERRED;
            details.put("nextTokenId", transferred.nextTokenId());
        } else if (event instanceof TokenExpired) {
            action = AuditAction.TOKEN_EXPIRED;
        } else if (event instanceof TokenPreferenceReleased released) {
            action = AuditAction.TOKEN_PREFERENCE_RELEASED;
            details.put("doctorId", released.doctorId());
        } else {
            // A new kind of event must not stop the queue; the warning asks for an entry here.
            LOG.warn("Token event {} is not audited", event.getClass().getSimpleName());
            return;
        }
        log.record(event.actor(), action, "token:" + event.tokenId(), details);
    }
}
