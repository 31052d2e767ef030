package org.dqms.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import org.dqms.accounts.Role;
import org.dqms.accounts.UserAccount;
import org.dqms.testing.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/** A token verified once is not verified again, but its expiry still counts, and only that very token matches. */
class VerifiedTokensTest {

    private static final UserAccount DOCTOR =
            new UserAccount(42, "doctor@example.org", "Dr Rao", Role.DOCTOR, Set.of(3L), 7L, null);

    private final MovableClock clock = new MovableClock(Instant.parse("2030-01-15T06:00:00Z"));
    private final AccessTokens tokens = new AccessTokens(hmacKey(), Duration.ofMinutes(15), clock);
    private final JwtDecoder decoder = tokens.decoder();

    @Test
    void aTokenSentAgainIsNotVerifiedAgain() {
        String token = tokens.issue(DOCTOR);

        Jwt first = decoder.decode(token);
        Jwt again = decoder.decode(token);

        assertThat(first.getSubject()).isEqualTo("42");
        assertThat(again).as("the same verified token").isSameAs(first);
    }

    @Test
    void aRememberedTokenIsRefusedOnceItExpires() {
        String token = tokens.issue(DOCTOR);
        decoder.decode(token);

        clock.advance(Duration.ofMinutes(15).plus(AccessTokens.CLOCK_SKEW).plusSeconds(1));

        assertThatThrownBy(() -> decoder.decode(token))
                .isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class);
    }

    @Test
    void aTokenWithAnotherSignatureIsVerifiedAndRefused() {
        String token = tokens.issue(DOCTOR);
        decoder.decode(token);
        String forged =
                token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);

        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(JwtException.class);
    }

    @Test
    void aTokenOfAnotherKeyIsRefused() {
        String foreign = new AccessTokens(hmacKey(), Duration.ofMinutes(15), clock).issue(DOCTOR);

        assertThatThrownBy(() -> decoder.decode(foreign)).isInstanceOf(JwtException.class);
    }

    @Test
    void manyTokensKeepBeingVerifiedPastTheCapacity() {
        Jwt last = null;
        for (int i = 0; i <= VerifiedTokens.CAPACITY + 10; i++) {
            clock.advance(Duration.ofSeconds(1));
            last = decoder.decode(tokens.issue(DOCTOR));
        }
        assertThat(last.getIssuedAt()).isEqualTo(clock.instant());
    }

    private static SigningKey hmacKey() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new SigningKey.Hmac(new SecretKeySpec(secret, "HmacSHA256"));
    }
}
