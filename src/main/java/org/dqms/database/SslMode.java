package org.dqms.database;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.dqms.platform.InvalidSettingException;

/** The {@code sslmode} values that libpq and pgjdbc understand, from no TLS to fully verified TLS. */
public enum SslMode {
    /** Never use TLS. */
    DISABLE("disable"),
    /** Connect without TLS, and use TLS only if the server insists on it. */
    ALLOW("allow"),
    /** Use TLS if the server offers it, otherwise connect without (pgjdbc's default). */
    PREFER("prefer"),
    /** Always use TLS, but do not check the server certificate. */
    REQUIRE("require"),
    /** Always use TLS and check that the server certificate is signed by a trusted CA. */
    VERIFY_CA("verify-ca"),
    /** Always use TLS, check the CA and check that the certificate names the host connected to. */
    VERIFY_FULL("verify-full");

    private static final String ALLOWED =
            Arrays.stream(values()).map(SslMode::value).collect(Collectors.joining(", "));

    // Only a short word is repeated back: anything else might be a pasted secret.
    private static final Pattern ECHOABLE = Pattern.compile("[A-Za-z0-9_-]{1,20}");

    private final String value;

    SslMode(String value) {
        this.value = value;
    }

    /** The spelling libpq and pgjdbc use, such as {@code verify-full}. */
    public String value() {
        return value;
    }

    /** Whether the connection fails rather than fall back to plain text. */
    public boolean requiresTls() {
        return this == REQUIRE || this == VERIFY_CA || this == VERIFY_FULL;
    }

    /** Whether the server certificate is checked, which is what defeats a man in the middle. */
    public boolean verifiesServer() {
        return this == VERIFY_CA || this == VERIFY_FULL;
    }

    /**
     * Reads an {@code sslmode} value. The case is ignored because it is harmless to: the driver is
     * always given the canonical spelling.
     */
    public static SslMode parse(String variable, String value) {
        if (value != null) {
            for (SslMode mode : values()) {
                if (mode.value.equalsIgnoreCase(value.strip())) {
                    return mode;
                }
            }
        }
        String shown =
                value != null && ECHOABLE.matcher(value).matches() ? " '" + value.toLowerCase(Locale.ROOT) + "'" : "";
        throw new InvalidSettingException(variable, "unknown sslmode" + shown + " (allowed: " + ALLOWED + ")");
    }
}
