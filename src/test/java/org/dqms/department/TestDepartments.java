package org.dqms.department;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.dqms.platform.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Departments for tests that share a database with the demo data and with each other: every name and
 * prefix is new, so no test depends on what else exists.
 */
public final class TestDepartments {

    public static final Actor ADMIN = Actor.staff("test-admin");

    private TestDepartments() {}

    /** Six random capital letters; 26^6 choices make a clash with another test or the demo unlikely. */
    public static String uniquePrefix() {
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            prefix.append((char) ('A' + ThreadLocalRandom.current().nextInt(26)));
        }
        return prefix.toString();
    }

    public static String uniqueName(String what) {
        return what + " " + uniquePrefix().toLowerCase(Locale.ROOT);
    }

    public static DepartmentDetails details(String name) {
        return new DepartmentDetails(name, new DepartmentPrefix(uniquePrefix()), ZoneId.of("Asia/Kolkata"), 100, 20);
    }

    /** Deletes the departments with the tokens that name them, after a test. */
    public static void deleteWithTokens(JdbcClient jdbc, List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("DELETE FROM dqms.token WHERE department_id IN (:ids)")
                .param("ids", ids)
                .update();
        jdbc.sql("DELETE FROM dqms.department WHERE id IN (:ids)")
                .param("ids", ids)
                .update();
    }

    /** A new department, closed until its hours are set. */
    public static Department create(DepartmentService departments, String what) {
        return departments.create(ADMIN, details(uniqueName(what)));
    }
}
