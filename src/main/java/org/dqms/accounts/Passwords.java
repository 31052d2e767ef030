package org.dqms.accounts;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Hashes and checks passwords. The stored form is {@code {bcrypt}$2a$10$...}; the prefix lets a
 * later default (argon2, a higher cost) take over, each hash being upgraded at its owner's next
 * sign-in. Kept inside this module rather than a {@code PasswordEncoder} bean, so nothing else
 * hashes passwords its own way.
 */
@Component
class Passwords {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    // Checked against when the email is unknown, so that answer takes as long as a wrong password.
    // Hashed beside the start, which it would otherwise hold up by a few hundred milliseconds.
    private final CompletableFuture<String> dummyHash = CompletableFuture.supplyAsync(() -> encoder.encode(random()));

    String hash(String password) {
        return encoder.encode(password);
    }

    boolean matches(String password, String hash) {
        return encoder.matches(password, hash);
    }

    /** Spends the time of a real check, for an email without an account. */
    void matchNothing(String password) {
        encoder.matches(password, dummyHash.join());
    }

    boolean needsRehash(String hash) {
        return encoder.upgradeEncoding(hash);
    }

    /** A random password of 20 characters (120 bits). */
    static String random() {
        return random(20);
    }

    /** A random password of {@code length} URL-safe characters, 6 bits each, for demo accounts. */
    static String random(int length) {
        byte[] bytes = new byte[(length * 3 + 3) / 4];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, length);
    }
}
