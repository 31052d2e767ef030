package org.dqms.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.dqms.accounts.AccountEvents.AccountEnabledChanged;
import org.dqms.accounts.AccountService;
import org.dqms.accounts.UserAccount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sessions: a sign-in starts one, each refresh rotates its refresh token, and reusing a spent
 * refresh token or signing out revokes all of its tokens (its family). Disabling an account revokes
 * every family of it. A refresh issues the account's current role and scope, so a change of either
 * needs no revocation: it reaches the session at its next refresh.
 */
class SessionService {

    private static final Logger log = LoggerFactory.getLogger(SessionService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TOKEN_BYTES = 32;

    private final RefreshTokenRepository refreshTokens;
    private final AccountService accounts;
    private final AccessTokens accessTokens;
    private final Duration refreshTokenTtl;
    private final Clock clock;

    SessionService(
            RefreshTokenRepository refreshTokens,
            AccountService accounts,
            AccessTokens accessTokens,
            Duration refreshTokenTtl,
            Clock clock) {
        this.refreshTokens = refreshTokens;
        this.accounts = accounts;
        this.accessTokens = accessTokens;
        this.refreshTokenTtl = refreshTokenTtl;
        this.clock = clock;
    }

    /** How long a session lasts without being used: the lifetime of each refresh token. */
    Duration refreshTokenTtl() {
        return refreshTokenTtl;
    }

    /** The result of presenting a refresh token. */
    sealed interface Refresh {

        /** The token was current: here is the next pair; the presented token is spent. */
        record Refreshed(Session session) implements Refresh {}

        /** Unknown, expired, revoked or already spent; the reason is for the log, not for the client. */
        record Refused(String reason) implements Refresh {}
    }

    /** Starts a session (a new family of refresh tokens) for an account that has just proved who it is. */
    @Transactional
    public Session start(UserAccount account) {
        return issue(account, UUID.randomUUID(), clock.instant()).session();
    }

    /**
     * Rotates the refresh token. The token's family stays locked until the end of the transaction,
     * so of two refreshes with one token only the first succeeds; the second finds it spent and
     * revokes the family, with any token a rotation in flight was issuing. A refusal still commits,
     * so the revocation holds.
     */
    @Transactional
    public Refresh refresh(String refreshToken) {
        Instant now = clock.instant();
        byte[] hash = hash(refreshToken);
        Optional<UUID> family = refreshTokens.familyOf(hash);
        if (family.isEmpty() || !refreshTokens.lockFamily(family.get())) {
            return new Refresh.Refused("unknown");
        }
        Optional<RefreshTokenRepository.StoredToken> found = refreshTokens.lock(hash);
        if (found.isEmpty()) {
            return new Refresh.Refused("unknown");
        }
        RefreshTokenRepository.StoredToken token = found.get();
        if (token.revokedAt() != null) {
            return new Refresh.Refused("revoked");
        }
        if (token.usedAt() != null) {
            refreshTokens.revokeFamily(token.familyId(), now);
            log.warn(
                    "A spent refresh token of user {} was presented again; its session {} is revoked",
                    token.userId(),
                    token.familyId());
            return new Refresh.Refused("reused");
        }
        if (!now.isBefore(token.expiresAt())) {
            return new Refresh.Refused("expired");
        }
        Optional<UserAccount> account = accounts.findEnabled(token.userId());
        if (account.isEmpty()) {
            refreshTokens.revokeFamily(token.familyId(), now);
            return new Refresh.Refused("account gone");
        }
        Issued next = issue(account.get(), token.familyId(), now);
        refreshTokens.markUsed(token.id(), next.id(), now);
        return new Refresh.Refreshed(next.session());
    }

    /** Signs out: revokes the family of the token. An unknown token changes nothing. */
    @Transactional
    public void end(String refreshToken) {
        refreshTokens
                .familyOf(hash(refreshToken))
                .filter(refreshTokens::lockFamily)
                .ifPresent(family -> refreshTokens.revokeFamily(family, clock.instant()));
    }

    /**
     * Ends every session of an account that is disabled, in the transaction that disables it, so that
     * enabling it again brings back no refresh token issued before. A rotation in flight finishes
     * first, and the token it issues is revoked as well.
     */
    @EventListener
    @Transactional
    public void on(AccountEnabledChanged event) {
        if (event.enabled()) {
            return;
        }
        int revoked = refreshTokens.revokeAllOf(event.accountId(), clock.instant());
        log.info("Account {} disabled: {} refresh tokens of its sessions revoked", event.accountId(), revoked);
    }

    private record Issued(long id, Session session) {}

    private Issued issue(UserAccount account, UUID family, Instant now) {
        String refreshToken = newRefreshToken();
        long id = refreshTokens.insert(account.id(), family, hash(refreshToken), now, now.plus(refreshTokenTtl));
        Session session = new Session(accessTokens.issue(account, now), accessTokens.ttl(), refreshToken);
        return new Issued(id, session);
    }

    private static String newRefreshToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] hash(String refreshToken) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(refreshToken.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
