package org.dqms.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.dqms.accounts.UserAccount;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Short-lived signed access tokens (JWT). They are checked by signature and expiry alone, without
 * the database, so a token stays valid until it expires even after sign-out; that is why they are
 * short-lived and the refresh token is what sign-out revokes.
 */
final class AccessTokens {

    static final String ISSUER = "dqms";
    static final String ROLE = "role";
    static final String NAME = "name";
    static final String DEPARTMENT_IDS = "departmentIds";
    static final String DOCTOR_ID = "doctorId";

    /** Instances' clocks differ a little; more than this and a token is refused. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

    private final JwtEncoder encoder;
    private final SigningKey key;
    private final Duration ttl;
    private final Clock clock;

    AccessTokens(SigningKey key, Duration ttl, Clock clock) {
        this.encoder = key.encoder();
        this.key = key;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** A signed token for the account, valid from now for the configured time. */
    String issue(UserAccount account) {
        return issue(account, clock.instant());
    }

    String issue(UserAccount account, Instant issuedAt) {
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(Long.toString(account.id()))
                .issuedAt(issuedAt)
                .expiresAt(issuedAt.plus(ttl))
                .claim(ROLE, account.role().name())
                .claim(NAME, account.name());
        if (account.departmentIds() != null && !account.departmentIds().isEmpty()) {
            claims.claim(
                    DEPARTMENT_IDS, account.departmentIds().stream().sorted().toList());
        }
        if (account.doctorId() != null) {
            claims.claim(DOCTOR_ID, account.doctorId());
        }
        return encoder.encode(JwtEncoderParameters.from(key.header(), claims.build()))
                .getTokenValue();
    }

    Duration ttl() {
        return ttl;
    }

    /**
     * Checks signature, issuer and expiry; a token without an expiry or a subject is refused. A token
     * verified before has only its claims checked again ({@link VerifiedTokens}).
     */
    JwtDecoder decoder() {
        NimbusJwtDecoder decoder = key.decoder();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(CLOCK_SKEW);
        timestamps.setClock(clock);
        timestamps.setAllowEmptyExpiryClaim(false);
        List<OAuth2TokenValidator<org.springframework.security.oauth2.jwt.Jwt>> validators = List.of(
                timestamps,
                new JwtIssuerValidator(ISSUER),
                new JwtClaimValidator<String>("sub", sub -> sub != null && sub.matches("[0-9]{1,18}")),
                new JwtClaimValidator<String>(ROLE, role -> role != null && !role.isBlank()));
        OAuth2TokenValidator<Jwt> claims = new DelegatingOAuth2TokenValidator<>(validators);
        decoder.setJwtValidator(claims);
        return new VerifiedTokens(decoder, claims);
    }
}
