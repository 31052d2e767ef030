package org.dqms.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Remembers access tokens whose signature was checked, so that a client sending the same token with
 * every request (a doctor's console calls, starts and completes) is not parsed and verified each
 * time. A token is found by its whole text, signature included, so only the very token that was
 * verified matches; its claims (expiry first) are checked again on every use. At most {@link
 * #CAPACITY} tokens are kept; past that the memory starts afresh.
 */
final class VerifiedTokens implements JwtDecoder {

    static final int CAPACITY = 4096;

    private final JwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> claims;
    private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

    /**
     * @param verifier checks the signature and the claims
     * @param claims checks the claims alone, as {@code verifier} does
     */
    VerifiedTokens(JwtDecoder verifier, OAuth2TokenValidator<Jwt> claims) {
        this.verifier = verifier;
        this.claims = claims;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.get(token);
        if (known == null) {
            Jwt jwt = verifier.decode(token);
            if (verified.size() >= CAPACITY) {
                verified.clear();
            }
            verified.put(token, jwt);
            return jwt;
        }
        OAuth2TokenValidatorResult result = claims.validate(known);
        if (result.hasErrors()) {
            verified.remove(token);
            throw new JwtValidationException(
                    result.getErrors().iterator().next().getDescription(), result.getErrors());
        }
        return known;
    }
}
