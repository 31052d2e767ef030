package org.dqms.audit;

import java.util.Map;
import org.dqms.accounts.AccountEvents.AccountCreated;
import org.dqms.accounts.AccountEvents.AccountEnabledChanged;
import org.dqms.accounts.AccountEvents.RoleChanged;
import org.dqms.accounts.AccountEvents.SignInFailed;
import org.dqms.accounts.AccountEvents.SignInLockedOut;
import org.dqms.accounts.AccountEvents.SignedIn;
import org.dqms.accounts.Role;
import org.dqms.platform.Actor;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Sign-ins and new accounts. A sign-in attempt is recorded in a transaction of its own once the
 * publisher's transaction has ended, however it ended, or at once if there is none (sign-in runs
 * without one): a failed attempt changes nothing else, yet must stay on record. A new account is
 * recorded inside the transaction that creates it, so that only accounts that exist are on record;
 * so are role changes and disabling, with the change they describe.
 */
@Component
class SignInAudit {

    static final String ANONYMOUS = "anonymous";

    private final AuditLog log;

    SignInAudit(AuditLog log) {
        this.log = log;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMPLETION, fallbackExecution = true)
    void on(SignedIn event) {
        log.recordAlone(
                actor(event),
                AuditAction.SIGN_IN,
                account(event.accountId()),
                event.clientIp(),
                Map.of("role", event.role().name(), "email", Masks.email(event.email())));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMPLETION, fallbackExecution = true)
    void on(SignInFailed event) {
        log.recordAlone(
                ANONYMOUS,
                AuditAction.SIGN_IN_FAILED,
                Masks.email(event.email()),
                event.clientIp(),
                Map.of("reason", event.reason().name()));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMPLETION, fallbackExecution = true)
    void on(SignInLockedOut event) {
        log.recordAlone(
                ANONYMOUS,
                AuditAction.SIGN_IN_LOCKED_OUT,
                Masks.email(event.email()),
                event.clientIp(),
                Map.of("lockedForSeconds", event.lockedFor().toSeconds()));
    }

    @EventListener
    void on(AccountCreated event) {
        boolean signUp = event.role() == Role.PATIENT && event.actor().startsWith("patient:");
        log.record(
                event.actor(),
                signUp ? AuditAction.SIGN_UP : AuditAction.ACCOUNT_CREATED,
                account(event.accountId()),
                Map.of("role", event.role().name()));
    }

    @EventListener
    void on(RoleChanged event) {
        log.record(
                event.actor(),
                AuditAction.ROLE_CHANGED,
                account(event.accountId()),
                Map.of("from", event.from().name(), "to", event.to().name()));
    }

    @EventListener
    void on(AccountEnabledChanged event) {
        log.record(
                event.actor(),
                event.enabled() ? AuditAction.ACCOUNT_ENABLED : AuditAction.ACCOUNT_DISABLED,
                account(event.accountId()),
                Map.of());
    }

    /**
     * The account that signed in, labelled as its own requests label it afterwards ({@code
     * security.Caller}): {@code patient:user-7}, {@code staff:doctor-3} (by doctor record) or {@code
     * staff:user-2}, so that one filter on the actor finds a person's sign-ins with their actions.
     */
    private static String actor(SignedIn event) {
        if (event.role() == Role.PATIENT) {
            return Actor.patient("user-" + event.accountId()).label();
        }
        if (event.role() == Role.DOCTOR && event.doctorId() != null) {
            return Actor.staff("doctor-" + event.doctorId()).label();
        }
        return Actor.staff("user-" + event.accountId()).label();
    }

    private static String account(long accountId) {
        return "account:" + accountId;
    }
}
