package org.dqms.accounts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * What a new password must be: long enough, not too long for bcrypt, not the person's email or name,
 * and not one of the 30,000 most common passwords (also with digits and symbols added before or
 * after, as in {@code Password123!}, or repeated), a repetition of a short text or a run such as
 * {@code 123456789012}. Length rather than character classes, as NIST SP 800-63B advises.
 */
@Component
class PasswordPolicy {

    /** bcrypt reads no further; longer passwords are refused rather than silently cut. */
    static final int MAX_BYTES = 72;

    private static final String COMMON_PASSWORDS = "/accounts/common-passwords.txt";
    // Digits, punctuation and spaces that people add around a word to meet older rules.
    private static final Pattern DECORATION = Pattern.compile("^[^\\p{L}]+|[^\\p{L}]+$");
    private static final int MIN_CORE_LENGTH = 4;
    private static final int MIN_NAME_PART_LENGTH = 3;

    private final int minLength;
    // Read beside the start (30,000 lines, about 40 ms of it); the first check waits for it.
    private final CompletableFuture<Set<String>> common = CompletableFuture.supplyAsync(PasswordPolicy::load);

    PasswordPolicy(AccountSettings settings) {
        this.minLength = settings.minPasswordLength();
    }

    /** The fewest characters a password may have ({@code DQMS_PASSWORD_MIN_LENGTH}). */
    int minLength() {
        return minLength;
    }

    /**
     * Throws {@code IllegalArgumentException("password: ...")} naming the first rule the password
     * breaks. The message never repeats the password.
     */
    void check(String password, String email, String name) {
        if (password == null || password.codePointCount(0, password.length()) < minLength) {
            throw refused("must be at least " + minLength + " characters long");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw refused("must be at most " + MAX_BYTES + " bytes long (" + MAX_BYTES + " letters without accents)");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        String local = email == null || !email.contains("@") ? null : email.substring(0, email.indexOf('@'));
        if (containsPersonal(lower, email, false)
                || containsPersonal(lower, local, true)
                || containsPersonal(lower, name, true)) {
            throw refused("must not contain your email or name");
        }
        if (isCommon(lower)) {
            throw refused("is too common; choose a longer phrase of unrelated words");
        }
    }

    /** In the list, also with digits and symbols around it or repeated; or a run like 123456789012. */
    private boolean isCommon(String lower) {
        String unit = repeatedUnit(lower);
        if (unit.length() < MIN_CORE_LENGTH || isRun(unit)) {
            return true;
        }
        Set<String> common = this.common.join();
        if (common.contains(lower) || common.contains(unit)) {
            return true;
        }
        String core = DECORATION.matcher(unit).replaceAll("");
        return core.length() >= MIN_CORE_LENGTH && common.contains(core);
    }

    /** The shortest text that the password repeats: "abc" for "abcabcabc", else the password itself. */
    private static String repeatedUnit(String text) {
        int length = text.length();
        for (int unit = 1; unit <= length / 2; unit++) {
            if (length % unit == 0 && text.substring(unit).equals(text.substring(0, length - unit))) {
                return text.substring(0, unit);
            }
        }
        return text;
    }

    /** Each character one more, or one less, than the one before: "456789012345", "zyxwvutsrqpo". */
    private static boolean isRun(String text) {
        int[] chars = text.codePoints().toArray();
        for (int step : new int[] {1, -1}) {
            boolean run = true;
            for (int i = 1; i < chars.length && run; i++) {
                run = chars[i] - chars[i - 1] == step || isDigitWrap(chars[i - 1], chars[i], step);
            }
            if (run) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDigitWrap(int previous, int next, int step) {
        return step == 1 ? previous == '9' && next == '0' : previous == '0' && next == '9';
    }

    private static boolean containsPersonal(String lowerPassword, String personal, boolean byParts) {
        if (personal == null || personal.isBlank()) {
            return false;
        }
        String value = personal.strip().toLowerCase(Locale.ROOT);
        if (lowerPassword.equals(value)) {
            return true;
        }
        if (value.length() >= MIN_NAME_PART_LENGTH && lowerPassword.contains(value)) {
            return true;
        }
        if (!byParts) {
            return false;
        }
        // Each part of a name ("Asha Rao", asha.rao@) counts, when it is long enough to matter.
        for (String part : value.split("[\\s.@_-]+")) {
            if (part.length() >= MIN_CORE_LENGTH && lowerPassword.contains(part)) {
                return true;
            }
        }
        return false;
    }

    private static IllegalArgumentException refused(String problem) {
        return new IllegalArgumentException("password: " + problem);
    }

    private static Set<String> load() {
        InputStream in = PasswordPolicy.class.getResourceAsStream(COMMON_PASSWORDS);
        if (in == null) {
            throw new IllegalStateException(COMMON_PASSWORDS + " is missing from the jar");
        }
        Set<String> passwords = new HashSet<>(40_000);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.strip().toLowerCase(Locale.ROOT))
                    .forEach(passwords::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(passwords);
    }
}
