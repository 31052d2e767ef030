package org.dqms.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * One executable jar's classes and libraries unpacked into a cache directory, once per build of the
 * jar, laid out by {@link JarLayout}.
 *
 * <p>The directory is named after the jar and a digest of its table of contents (each entry's name,
 * size and CRC), so a rebuilt jar gets a directory of its own and an unchanged one finds its copy
 * without reading its contents. Unpacking goes into a temporary directory that is renamed into
 * place when complete, so concurrent starts never see half a copy: one rename wins, the others
 * remove theirs.
 */
final class UnpackedJar {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final String UNPACKING = ".unpacking-";
    private static final Duration ABANDONED = Duration.ofHours(1);

    private final Path directory;

    private UnpackedJar(Path directory) {
        this.directory = directory;
    }

    /**
     * The copy of {@code jar} in {@code cache}, unpacked first if there is none yet, and held as in
     * use by this process ({@link CopiesInUse}); copies of other builds that no process runs from
     * are removed.
     */
    static UnpackedJar in(Path cache, Path jar) throws IOException {
        prepareCache(cache);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Path target = cache.resolve(name(jar, zip));
            // Twice at most: another process may remove an unused copy just before it is held.
            for (int attempt = 0; attempt < 2; attempt++) {
                if (!Files.isDirectory(target)) {
                    unpackInto(zip, cache, target);
                }
                if (CopiesInUse.hold(target, target.resolve(JarLayout.CLASSPATH_FILE))) {
                    removeUnused(cache, target);
                    return new UnpackedJar(target);
                }
            }
            throw new IOException(target + " was removed while this start unpacked it");
        }
    }

    /** Lets another start remove the copy (one process holds it until it exits). */
    void release() throws IOException {
        CopiesInUse.release(directory);
    }

    private static void unpackInto(ZipFile zip, Path cache, Path target) throws IOException {
        Path temporary = Files.createTempDirectory(cache, target.getFileName() + UNPACKING);
        try {
            JarLayout.unpack(zip, temporary);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileSystemException e) {
            if (!Files.isDirectory(target)) {
                throw e;
            }
            // The same build, unpacked by a start that renamed its copy first.
        } finally {
            deleteRecursively(temporary);
        }
    }

    /** Copies of other builds that no process runs from, and copies abandoned half-way. */
    private static void removeUnused(Path cache, Path keep) throws IOException {
        removeAbandoned(cache);
        List<Path> copies;
        try (Stream<Path> entries = Files.list(cache)) {
            copies = entries.filter(p -> !p.equals(keep) && Files.isDirectory(p))
                    .filter(p -> !p.getFileName().toString().contains(UNPACKING))
                    .toList();
        }
        for (Path copy : copies) {
            try {
                CopiesInUse.removeUnlessHeld(copy, copy.resolve(JarLayout.CLASSPATH_FILE));
            } catch (NoSuchFileException removedMeanwhile) {
                // Another start removed it first.
            }
        }
    }

    Path directory() {
        return directory;
    }

    /** The class path: the application's classes, then the libraries in the jar's index order. */
    List<Path> classPath() throws IOException {
        List<Path> entries = new ArrayList<>();
        entries.add(directory.resolve(JarLayout.APPLICATION));
        for (String library : Files.readAllLines(directory.resolve(JarLayout.CLASSPATH_FILE))) {
            entries.add(directory.resolve("lib").resolve(library));
        }
        return entries;
    }

    private static void prepareCache(Path cache) throws IOException {
        if (!Files.isDirectory(cache)) {
            Files.createDirectories(cache);
            if (supportsPosix(cache)) {
                Files.setPosixFilePermissions(cache, OWNER_ONLY);
            }
        }
        if (supportsPosix(cache)) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(cache);
            if (permissions.contains(PosixFilePermission.GROUP_WRITE)
                    || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new IOException(cache + " is writable by other users");
            }
            if (!Files.getOwner(cache).getName().equals(System.getProperty("user.name"))) {
                throw new IOException(cache + " belongs to another user");
            }
        }
    }

    private static boolean supportsPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static String name(Path jar, ZipFile zip) {
        String file = jar.getFileName().toString();
        String stem = file.endsWith(".jar") ? file.substring(0, file.length() - 4) : file;
        return stem + "-" + digest(zip);
    }

    private static String digest(ZipFile zip) {
        MessageDigest sha = sha256();
        for (ZipEntry entry : Collections.list(zip.entries())) {
            sha.update(entry.getName().getBytes(StandardCharsets.UTF_8));
            sha.update((entry.getSize() + ":" + entry.getCrc() + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Copies left behind by starts that were stopped while unpacking; others may still be at it. */
    private static void removeAbandoned(Path cache) throws IOException {
        Instant before = Instant.now().minus(ABANDONED);
        List<Path> unpacking;
        try (Stream<Path> entries = Files.list(cache)) {
            unpacking = entries.filter(p -> p.getFileName().toString().contains(UNPACKING))
                    .toList();
        }
        for (Path entry : unpacking) {
            try {
                if (Files.getLastModifiedTime(entry).toInstant().isBefore(before)) {
                    deleteRecursively(entry);
                }
            } catch (NoSuchFileException renamedOrRemovedMeanwhile) {
                // Another start finished with it.
            }
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
