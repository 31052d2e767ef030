package org.dqms.platform;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts {@code java -jar dqms.jar} from an unpacked copy of the jar ({@link UnpackedJar}) in a
 * cache directory, {@code DQMS_JAR_CACHE_DIR}.
 *
 * <p>Spring Boot's launcher finds each class by asking every library nested in the jar in turn
 * through its URL handler; a start loads about 14,000 classes that way, and in a profile of a start
 * that lookup was two fifths of the main thread's time. From plain jar files the JDK looks classes
 * up in each file's index instead. Anything that stops the copy from being used (a cache that
 * cannot be written, a full disk) is reported in one line and the start goes on from the jar
 * itself (ADR 21).
 */
public final class UnpackedLaunch {

    /** The setting: a directory, or {@code off} to start from the jar itself. */
    public static final String CACHE_SETTING = "DQMS_JAR_CACHE_DIR";

    private static final String NESTED_CLASSES = "jar:nested:";

    private UnpackedLaunch() {}

    /**
     * Runs {@code main(args)} of {@code application} from the unpacked copy when this is a start
     * from the executable jar, and returns {@code true} when it did; the caller then has nothing
     * left to do. Returns {@code false} for any other start (a class path, the extracted jar of
     * the production launch, the copy itself) and when the copy cannot be used.
     */
    public static boolean run(Class<?> application, String[] args) throws Throwable {
        Optional<Path> jar = executableJar(application);
        Optional<Path> cache = cache(System.getenv());
        if (jar.isEmpty() || cache.isEmpty()) {
            return false;
        }
        List<Path> classPath;
        try {
            classPath = UnpackedJar.in(cache.get(), jar.get()).classPath();
        } catch (IOException | RuntimeException e) {
            System.err.println("dqms: cannot use the unpacked copy of the jar in " + cache.get() + " ("
                    + e.getMessage() + "), starting from the jar itself, which is slower; set "
                    + CACHE_SETTING + " to a directory of your own, or to off");
            return false;
        }
        invokeMain(application.getName(), classPath, args);
        return true;
    }

    /** The executable jar when {@code application} was loaded from one by Spring Boot's launcher. */
    static Optional<Path> executableJar(Class<?> application) {
        CodeSource source = application.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        if (!source.getLocation().toString().startsWith(NESTED_CLASSES)) {
            return Optional.empty();
        }
        Path jar = Path.of(System.getProperty("java.class.path", ""));
        return Files.isRegularFile(jar) ? Optional.of(jar.toAbsolutePath()) : Optional.empty();
    }

    /** {@code DQMS_JAR_CACHE_DIR}, else the user's cache directory ({@code XDG_CACHE_HOME}). */
    static Optional<Path> cache(Map<String, String> environment) {
        String setting = environment.get(CACHE_SETTING);
        if (setting != null && !setting.isBlank()) {
            return setting.strip().equalsIgnoreCase("off") ? Optional.empty() : Optional.of(Path.of(setting.strip()));
        }
        String xdg = environment.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Optional.of(Path.of(xdg, "dqms"));
        }
        String home = System.getProperty("user.home");
        if (home == null || home.isBlank() || home.equals("?")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(home, ".cache", "dqms"));
    }

    private static void invokeMain(String mainClass, List<Path> classPath, String[] args) throws Throwable {
        URL[] urls = classPath.stream().map(UnpackedLaunch::url).toArray(URL[]::new);
        ClassLoader loader = new URLClassLoader("dqms", urls, ClassLoader.getPlatformClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        Method main = Class.forName(mainClass, false, loader).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(path.toString(), e);
        }
    }
}
