package org.dqms.platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The layout of an unpacked copy of Spring Boot's executable jar, as Spring Boot's own
 * {@code extract} writes it: the application's classes and resources in {@code application.jar}
 * with the jar's manifest, the libraries in {@code lib/}, and the class path in Spring Boot's order
 * in {@code classpath}.
 */
final class JarLayout {

    private static final String CLASSES = "BOOT-INF/classes/";
    private static final String LIB = "BOOT-INF/lib/";
    private static final String CLASSPATH_INDEX = "BOOT-INF/classpath.idx";
    private static final String META_INF = "META-INF/";
    static final String APPLICATION = "application.jar";
    // The libraries in order; removed first when a copy is removed, so a copy without it is unusable.
    static final String CLASSPATH_FILE = "classpath";

    /**
     * Not copied from the jar's {@code META-INF}: the manifest, which the jar stream writes first,
     * and the file system service of Spring Boot's launcher, whose classes the copy leaves out.
     */
    private static final Set<String> NOT_COPIED =
            Set.of(META_INF, JarFile.MANIFEST_NAME, "META-INF/services/java.nio.file.spi.FileSystemProvider");

    private JarLayout() {}

    static void unpack(ZipFile zip, Path into) throws IOException {
        Path lib = into.resolve("lib");
        Files.createDirectories(lib);
        List<String> libraries = new ArrayList<>();
        try (JarOutputStream application =
                new JarOutputStream(Files.newOutputStream(into.resolve(APPLICATION)), manifest(zip))) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                String name = entry.getName();
                if (name.startsWith(CLASSES) && name.length() > CLASSES.length()) {
                    add(application, zip, entry, name.substring(CLASSES.length()));
                } else if (name.startsWith(META_INF) && !NOT_COPIED.contains(name)) {
                    add(application, zip, entry, name);
                } else if (name.startsWith(LIB) && name.endsWith(".jar") && name.indexOf('/', LIB.length()) < 0) {
                    String library = name.substring(LIB.length());
                    copy(zip, entry, inside(lib, library));
                    libraries.add(library);
                }
            }
        }
        Files.write(into.resolve(CLASSPATH_FILE), inIndexOrder(zip, libraries));
    }

    private static Manifest manifest(ZipFile zip) throws IOException {
        ZipEntry entry = zip.getEntry(JarFile.MANIFEST_NAME);
        if (entry == null) {
            return new Manifest();
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return new Manifest(in);
        }
    }

    private static void add(JarOutputStream application, ZipFile zip, ZipEntry entry, String name) throws IOException {
        application.putNextEntry(new JarEntry(name));
        if (!entry.isDirectory()) {
            try (InputStream in = zip.getInputStream(entry)) {
                in.transferTo(application);
            }
        }
        application.closeEntry();
    }

    /** Spring Boot's order of the libraries (its index), any it does not list after them. */
    private static List<String> inIndexOrder(ZipFile zip, List<String> libraries) throws IOException {
        ZipEntry index = zip.getEntry(CLASSPATH_INDEX);
        if (index == null) {
            return libraries;
        }
        List<String> ordered = new ArrayList<>();
        try (InputStream in = zip.getInputStream(index)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String entry = line.strip().replaceFirst("^- ", "").replace("\"", "");
                if (entry.startsWith(LIB) && libraries.contains(entry.substring(LIB.length()))) {
                    ordered.add(entry.substring(LIB.length()));
                }
            }
        }
        libraries.stream().filter(library -> !ordered.contains(library)).forEach(ordered::add);
        return ordered;
    }

    /** {@code name} under {@code root}, refusing names that would leave it ({@code ../}). */
    private static Path inside(Path root, String name) throws IOException {
        Path path = root.resolve(name).normalize();
        if (!path.startsWith(root)) {
            throw new IOException("the jar holds an entry outside its directory: " + name);
        }
        return path;
    }

    private static void copy(ZipFile zip, ZipEntry entry, Path target) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            Files.copy(in, target);
        }
    }
}
