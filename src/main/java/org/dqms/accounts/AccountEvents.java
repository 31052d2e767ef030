package org.dqms.accounts;

import java.time.Duration;

/**
 * What happened to accounts and sign-ins, published by {@link AccountService} once it happened. The
 * audit log listens to these. They carry no password, hash or token; the email of a sign-in attempt
 * is there for listeners to mask, never to store as it is.
 */
public final class AccountEvents {

    private AccountEvents() {}

    /** An email and password matched an enabled account. */
    public record SignedIn(long accountId, Role role, Long doctorId, String email, String clientIp) {}

    /** A sign-in was refused: wrong email or password, a disabled account, or a locked email. */
    public record SignInFailed(String email, Reason reason, String clientIp) {

        /** Why the attempt was refused. */
        public enum Reason {
            /** The email or password was wrong, or the account is disabled. */
            REFUSED,
            /** The email was already locked after repeated failures. */
            LOCKED
        }
    }

    /** This failed attempt was one too many: the email is locked for {@code lockedFor}. */
    public record SignInLockedOut(String email, Duration lockedFor, String clientIp) {}

    /** An account was created by {@code actor} (a label such as {@code staff:admin}). */
    public record AccountCreated(long accountId, Role role, String actor) {}

    /**
     * An account's role, or its departments or doctor within the role, was changed by {@code actor}.
     * {@code from} and {@code to} are the same role when only the scope changed.
     */
    public record RoleChanged(long accountId, Role from, Role to, String actor) {}

    /**
     * An account was disabled (it can no longer sign in or refresh) or enabled again by {@code actor};
     * published inside the transaction of the change, where its sessions are ended.
     */
    public record AccountEnabledChanged(long accountId, boolean enabled, String actor) {}
}
