package org.dqms.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unpacked copy of an executable jar, on the file system; the jar is laid out as Spring Boot's. */
class UnpackedJarTest {

    private static final long LIBRARY_TIME =
            Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    @TempDir
    Path temp;

    Path cache() {
        return temp.resolve("cache");
    }

    @Test
    void unpacksTheApplicationAndItsLibrariesInTheJarsOrder() throws Exception {
        Path jar = executableJar(temp.resolve("dqms-1.0.jar"), "first build");

        UnpackedJar copy = UnpackedJar.in(cache(), jar);

        Path directory = copy.directory();
        assertThat(directory.getFileName().toString()).matches("dqms-1\\.0-[0-9a-f]{16}");
        assertThat(copy.classPath())
                .containsExactly(
                        directory.resolve("application.jar"),
                        directory.resolve("lib/zeta-1.jar"),
                        directory.resolve("lib/alpha-1.jar"));
        assertThat(Files.readAllBytes(directory.resolve("lib/zeta-1.jar"))).isEqualTo(library("zeta"));
        assertThat(Files.readAllBytes(directory.resolve("lib/alpha-1.jar"))).isEqualTo(library("alpha"));
        try (JarFile application =
                new JarFile(directory.resolve("application.jar").toFile())) {
            assertThat(application.getManifest().getMainAttributes().getValue("Implementation-Version"))
                    .isEqualTo("1.0");
            assertThat(text(application, "org/dqms/Main.class")).isEqualTo("first build");
            assertThat(text(application, "application.yml")).isEqualTo("dqms: {}");
            assertThat(text(application, "META-INF/spring.factories")).isEqualTo("listeners");
            assertThat(application.getEntry("org/dqms/"))
                    .as("directories, for package scans")
                    .isNotNull();
            assertThat(application.getEntry("META-INF/services/java.nio.file.spi.FileSystemProvider"))
                    .as("the launcher's own service")
                    .isNull();
            assertThat(application.getEntry("org/springframework/boot/loader/launch/JarLauncher.class"))
                    .isNull();
        }
    }

    @Test
    void anUnchangedJarFindsItsCopyAndARebuiltOneGetsItsOwn() throws Exception {
        Path jar = executableJar(temp.resolve("dqms.jar"), "first build");
        Path first = UnpackedJar.in(cache(), jar).directory();
        Files.writeString(first.resolve("marker"), "still here");

        assertThat(UnpackedJar.in(cache(), jar).directory()).isEqualTo(first);
        assertThat(first.resolve("marker")).hasContent("still here");

        executableJar(jar, "second build");
        Path second = UnpackedJar.in(cache(), jar).directory();
        assertThat(second).isNotEqualTo(first);
        try (JarFile application = new JarFile(second.resolve("application.jar").toFile())) {
            assertThat(text(application, "org/dqms/Main.class")).isEqualTo("second build");
        }
    }

    @Test
    void copiesOfOtherBuildsAreRemovedOnceNothingRunsFromThem() throws Exception {
        Path jar = executableJar(temp.resolve("dqms.jar"), "first build");
        UnpackedJar first = UnpackedJar.in(cache(), jar);
        executableJar(jar, "second build");

        Path second = UnpackedJar.in(cache(), jar).directory();
        assertThat(first.directory()).as("still in use by this process").isDirectory();

        first.release();
        executableJar(jar, "third build");
        Path third = UnpackedJar.in(cache(), jar).directory();

        assertThat(first.directory()).doesNotExist();
        assertThat(second).as("held by this process since it was made").isDirectory();
        assertThat(third).isDirectory();
    }

    @Test
    void aCopyAnotherProcessRunsFromIsKept() throws Exception {
        Path jar = executableJar(temp.resolve("dqms.jar"), "first build");
        UnpackedJar first = UnpackedJar.in(cache(), jar);
        first.release();
        Process other = holdInAnotherProcess(first.directory());
        try {
            executableJar(jar, "second build");
            UnpackedJar.in(cache(), jar);

            assertThat(first.directory().resolve("application.jar")).isRegularFile();
        } finally {
            other.getOutputStream().close();
            assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        executableJar(jar, "third build");
        UnpackedJar.in(cache(), jar);

        assertThat(first.directory()).as("the other process has exited").doesNotExist();
    }

    /** A JVM that holds {@code copy} as in use until its standard input closes. */
    private static Process holdInAnotherProcess(Path copy) throws Exception {
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        HoldCopy.class.getName(),
                        copy.toString())
                .redirectErrorStream(true)
                .start();
        String line = new java.io.BufferedReader(
                        new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        assertThat(line).isEqualTo("held");
        return process;
    }

    /** Run by {@link #holdInAnotherProcess}. */
    static final class HoldCopy {
        public static void main(String[] args) throws Exception {
            Path copy = Path.of(args[0]);
            if (!CopiesInUse.hold(copy, copy.resolve("classpath"))) {
                throw new IllegalStateException("no copy at " + copy);
            }
            System.out.println("held");
            System.out.flush();
            System.in.read();
        }
    }

    @Test
    void concurrentStartsShareOneCompleteCopy() throws Exception {
        Path jar = executableJar(temp.resolve("dqms.jar"), "first build");
        int starts = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(starts);
        List<Future<Path>> copies = new ArrayList<>();
        try {
            for (int i = 0; i < starts; i++) {
                copies.add(threads.submit(() -> {
                    go.await();
                    UnpackedJar copy = UnpackedJar.in(cache(), jar);
                    assertThat(copy.classPath()).hasSize(3).allMatch(Files::isRegularFile);
                    return copy.directory();
                }));
            }
            go.countDown();
            List<Path> directories = new ArrayList<>();
            for (Future<Path> copy : copies) {
                directories.add(copy.get());
            }
            assertThat(directories).hasSize(starts).containsOnly(directories.get(0));
        } finally {
            threads.shutdownNow();
        }
        try (Stream<Path> entries = Files.list(cache())) {
            assertThat(entries).as("no half copies left").containsExactly(directories(cache()));
        }
    }

    @Test
    void librariesCannotBeWrittenOutsideTheCopy() throws Exception {
        Path jar = temp.resolve("dqms.jar");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("BOOT-INF/classes/org/dqms/Main.class", bytes("main"));
        entries.put("BOOT-INF/lib/../../../escaped.jar", library("escaped"));
        entries.put("BOOT-INF/lib/good-1.jar", library("good"));
        write(jar, entries);

        UnpackedJar copy = UnpackedJar.in(cache(), jar);

        assertThat(copy.classPath())
                .extracting(path -> path.getFileName().toString())
                .containsExactly("application.jar", "good-1.jar");
        try (Stream<Path> all = Files.walk(temp)) {
            assertThat(all.filter(path -> path.getFileName().toString().equals("escaped.jar")))
                    .isEmpty();
        }
    }

    @Test
    void refusesACacheThatOtherUsersCanWrite() throws Exception {
        Path jar = executableJar(temp.resolve("dqms.jar"), "first build");
        Files.createDirectories(cache());
        Files.setPosixFilePermissions(cache(), PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> UnpackedJar.in(cache(), jar))
                .isInstanceOf(IOException.class)
                .hasMessage(cache() + " is writable by other users");
        try (Stream<Path> entries = Files.list(cache())) {
            assertThat(entries).isEmpty();
        }
    }

    @Test
    void aNewCacheIsTheOwnersAlone() throws Exception {
        UnpackedJar.in(cache(), executableJar(temp.resolve("dqms.jar"), "first build"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache())))
                .isEqualTo("rwx------");
    }

    @Test
    void removesCopiesAbandonedWhileUnpacking() throws Exception {
        Path abandoned = Files.createDirectories(cache().resolve("dqms-0123456789abcdef.unpacking-1"));
        Path recent = Files.createDirectories(cache().resolve("dqms-0123456789abcdef.unpacking-2"));
        Files.writeString(abandoned.resolve("half.jar"), "x");
        Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(Duration.ofHours(2))));

        UnpackedJar.in(cache(), executableJar(temp.resolve("dqms.jar"), "first build"));

        assertThat(abandoned).doesNotExist();
        assertThat(recent).as("perhaps another start, still unpacking").exists();
    }

    private static Path[] directories(Path cache) throws IOException {
        try (Stream<Path> entries = Files.list(cache)) {
            return entries.filter(Files::isDirectory).toArray(Path[]::new);
        }
    }

    /** A jar laid out as Spring Boot's repackaging lays it out, with two libraries. */
    private static Path executableJar(Path jar, String build) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(JarFile.MANIFEST_NAME, bytes("Manifest-Version: 1.0\nImplementation-Version: 1.0\n\n"));
        entries.put("META-INF/spring.factories", bytes("listeners"));
        entries.put("META-INF/services/java.nio.file.spi.FileSystemProvider", bytes("loader"));
        entries.put("org/springframework/boot/loader/launch/JarLauncher.class", bytes("launcher"));
        entries.put("BOOT-INF/classes/", new byte[0]);
        entries.put("BOOT-INF/classes/org/", new byte[0]);
        entries.put("BOOT-INF/classes/org/dqms/", new byte[0]);
        entries.put("BOOT-INF/classes/org/dqms/Main.class", bytes(build));
        entries.put("BOOT-INF/classes/application.yml", bytes("dqms: {}"));
        entries.put("BOOT-INF/lib/alpha-1.jar", library("alpha"));
        entries.put("BOOT-INF/lib/zeta-1.jar", library("zeta"));
        entries.put("BOOT-INF/classpath.idx", bytes("- \"BOOT-INF/lib/zeta-1.jar\"\n- \"BOOT-INF/lib/alpha-1.jar\"\n"));
        write(jar, entries);
        return jar;
    }

    /**
     * A library's bytes, the same on every call: the entry's time is fixed, since a zip keeps it to
     * two seconds and two calls made across such a boundary would otherwise differ.
     */
    private static byte[] library(String name) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            ZipEntry entry = new ZipEntry(name + "/Library.class");
            entry.setTime(LIBRARY_TIME);
            zip.putNextEntry(entry);
            zip.write(bytes(name));
        }
        return bytes.toByteArray();
    }

    private static void write(Path jar, Map<String, byte[]> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
            }
        }
    }

    private static String text(JarFile jar, String name) throws IOException {
        return new String(jar.getInputStream(jar.getEntry(name)).readAllBytes(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
