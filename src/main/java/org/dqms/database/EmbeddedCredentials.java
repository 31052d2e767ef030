package org.dqms.database;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The embedded database's passwords: generated at its first start and kept, readable by the owner
 * only, inside its data directory. They never leave that directory.
 */
final class EmbeddedCredentials {

    static final String SUPERUSER = "postgres";
    static final String FILE_NAME = "dqms-credentials.properties";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Properties passwords;

    private EmbeddedCredentials(Properties passwords) {
        this.passwords = passwords;
    }

    static Optional<EmbeddedCredentials> load(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return Optional.of(new EmbeddedCredentials(properties));
    }

    static EmbeddedCredentials generate(Path directory) {
        Properties properties = new Properties();
        properties.setProperty(SUPERUSER, randomPassword());
        RoleLayout.LOGIN_ROLES.forEach(role -> properties.setProperty(role, randomPassword()));
        Path file = directory.resolve(FILE_NAME);
        Path temporary = directory.resolve(FILE_NAME + ".tmp");
        try {
            Files.deleteIfExists(temporary);
            Files.createFile(temporary);
            ownerOnly(temporary);
            try (Writer writer = Files.newBufferedWriter(temporary)) {
                properties.store(writer, "Passwords of the embedded dqms database. Keep this file private.");
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return new EmbeddedCredentials(properties);
    }

    String password(String role) {
        String password = passwords.getProperty(role);
        if (password == null) {
            throw new IllegalStateException(FILE_NAME + " has no password for " + role);
        }
        return password;
    }

    Map<String, String> loginRolePasswords() {
        Map<String, String> result = new LinkedHashMap<>();
        RoleLayout.LOGIN_ROLES.forEach(role -> result.put(role, password(role)));
        return result;
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void ownerOnly(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Override
    public String toString() {
        return "EmbeddedCredentials[redacted]";
    }
}
