package org.dqms.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The bodies the auth endpoints take; passwords and tokens never appear in {@code toString}. */
final class AuthRequests {

    private AuthRequests() {}

    /** With {@code "cookies": true}, the session comes as cookies instead of in the body. */
    record SignIn(
            @NotBlank @Size(max = 254) String email,
            @NotBlank @Size(max = 1000) String password,
            Boolean cookies) {

        boolean wantsCookies() {
            return Boolean.TRUE.equals(cookies);
        }

        @Override
        public String toString() {
            return "SignIn[password redacted]";
        }
    }

    record SignUp(
            @NotBlank @Size(max = 120) String name,
            @NotBlank @Size(max = 32) String phone,
            @NotBlank @Size(max = 254) String email,
            @NotBlank @Size(max = 1000) String password) {

        @Override
        public String toString() {
            return "SignUp[password redacted]";
        }
    }

    /**
     * For refresh and sign-out. Without a token (or without a body), the {@code dqms_refresh} cookie
     * is used, and a refresh answers with cookies; {@code "cookies": true} asks for cookies anyway.
     */
    record RefreshToken(@Size(max = 200) String refreshToken, Boolean cookies) {

        static final RefreshToken NONE = new RefreshToken(null, null);

        boolean wantsCookies() {
            return Boolean.TRUE.equals(cookies);
        }

        /** The token in the body, or null if there is none. */
        String inBody() {
            return refreshToken == null || refreshToken.isBlank() ? null : refreshToken;
        }

        @Override
        public String toString() {
            return "RefreshToken[redacted]";
        }
    }
}
