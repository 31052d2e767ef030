package org.dqms.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The bodies the auth endpoints take; passwords and tokens never appear in {@code toString}. */
final class AuthRequests {

    private AuthRequests() {}

    record SignIn(
            @NotBlank @Size(max = 254) String email,
            @NotBlank @Size(max = 1000) String password) {

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

    /** For refresh and sign-out. */
    record RefreshToken(@NotBlank @Size(max = 200) String refreshToken) {

        @Override
        public String toString() {
            return "RefreshToken[redacted]";
        }
    }
}
