package org.dqms.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a setting that may come either from its variable or from a file named by its {@code _FILE}
 * twin, the way Docker and Kubernetes mount secrets.
 */
public final class Secrets {

    private Secrets() {}

    /**
     * @param name the variable, e.g. {@code DATABASE_URL}; its twin is {@code DATABASE_URL_FILE}
     * @param value the variable's value, possibly blank
     * @param file the twin's value (a path), possibly blank
     * @return the value, or empty when neither is set
     */
    public static Optional<String> read(String name, String value, String file) {
        boolean hasValue = value != null && !value.isBlank();
        boolean hasFile = file != null && !file.isBlank();
        if (hasValue && hasFile) {
            throw new InvalidSettingException(name, "set either " + name + " or " + name + "_FILE, not both");
        }
        if (hasFile) {
            return Optional.of(readFile(name + "_FILE", path(name + "_FILE", file.strip())));
        }
        return hasValue ? Optional.of(value.strip()) : Optional.empty();
    }

    /** Reads a whole secret file, without its trailing line break. */
    public static String readFile(String setting, Path path) {
        String content;
        try {
            content = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            throw new InvalidSettingException(setting, "cannot read " + shown(path) + " (" + reason(e) + ")");
        }
        // Editors and `echo` end files with a line break; any other white space is the secret's own.
        String stripped = content.replaceAll("[\\r\\n]+$", "");
        if (stripped.isBlank()) {
            throw new InvalidSettingException(setting, shown(path) + " is empty");
        }
        return stripped;
    }

    private static Path path(String setting, String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new InvalidSettingException(setting, "not a file path");
        }
    }

    /**
     * The path for a message, when it is absolute. Secrets are mounted at absolute paths; a relative
     * "path" that cannot be read may well be the secret itself, put in the {@code _FILE} variable by
     * mistake, and must not reach the log.
     */
    private static String shown(Path path) {
        return path.isAbsolute() ? path.toString() : "the relative path it names";
    }

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getClass().getSimpleName();
    }
}
