package org.dqms.security;

import java.time.Duration;

/**
 * What a client holds after signing in: a short-lived access token to send as {@code
 * Authorization: Bearer ...}, and a refresh token to get the next pair with.
 */
record Session(String accessToken, Duration accessTokenTtl, String refreshToken) {

    @Override
    public String toString() {
        return "Session[tokens redacted]";
    }
}
