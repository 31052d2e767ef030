package org.dqms.security;

/**
 * The answer to a sign-in, sign-up or refresh, in the shape of an OAuth 2 token response.
 *
 * @param expiresIn seconds until the access token expires
 */
record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken) {

    static TokenResponse of(Session session) {
        return new TokenResponse(
                session.accessToken(), "Bearer", session.accessTokenTtl().toSeconds(), session.refreshToken());
    }

    @Override
    public String toString() {
        return "TokenResponse[tokens redacted]";
    }
}
