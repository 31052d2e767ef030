package org.dqms.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The application's versioned migrations, so tests need not change with every new one. */
public final class MigrationFiles {

    private static final Pattern VERSION = Pattern.compile("^V(\\d+)__.+\\.sql$");
    private static final List<Integer> VERSIONS = versions();

    private MigrationFiles() {}

    public static int count() {
        return VERSIONS.size();
    }

    public static String latest() {
        return Integer.toString(VERSIONS.get(VERSIONS.size() - 1));
    }

    /** The version before the latest, where a schema one migration behind this build stands. */
    public static String beforeLatest() {
        return Integer.toString(VERSIONS.get(VERSIONS.size() - 2));
    }

    /** What dqms says while all of them are pending. */
    public static String allPending() {
        return count() + " pending migration" + (count() == 1 ? "" : "s") + ": run `migrate`";
    }

    private static List<Integer> versions() {
        try {
            Resource[] files =
                    new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/V*__*.sql");
            return Arrays.stream(files)
                    .map(Resource::getFilename)
                    .map(VERSION::matcher)
                    .filter(Matcher::matches)
                    .map(m -> Integer.parseInt(m.group(1)))
                    .sorted(Comparator.naturalOrder())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
