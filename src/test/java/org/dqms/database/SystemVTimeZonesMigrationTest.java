package org.dqms.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.dqms.testing.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Departments saved with a {@code SystemV/} time zone before dqms refused them get one PostgreSQL
 * knows (V17): the database is migrated to version 16, given such departments, then migrated on.
 */
class SystemVTimeZonesMigrationTest {

    private static final String MIGRATION = "db/migration/V17__departments_without_systemv_zones.sql";

    /** Fixed offsets become the same fixed offset; the daylight-saving ones their region's zone. */
    private static final Map<String, String> REPLACEMENTS = new TreeMap<>(Map.ofEntries(
            Map.entry("SystemV/AST4", "Etc/GMT+4"),
            Map.entry("SystemV/EST5", "Etc/GMT+5"),
            Map.entry("SystemV/CST6", "Etc/GMT+6"),
            Map.entry("SystemV/MST7", "Etc/GMT+7"),
            Map.entry("SystemV/PST8", "Etc/GMT+8"),
            Map.entry("SystemV/YST9", "Etc/GMT+9"),
            Map.entry("SystemV/HST10", "Etc/GMT+10"),
            Map.entry("SystemV/AST4ADT", "America/Halifax"),
            Map.entry("SystemV/EST5EDT", "America/New_York"),
            Map.entry("SystemV/CST6CDT", "America/Chicago"),
            Map.entry("SystemV/MST7MDT", "America/Denver"),
            Map.entry("SystemV/PST8PDT", "America/Los_Angeles"),
            Map.entry("SystemV/YST9YDT", "America/Anchorage")));

    private static TestPostgres postgres;
    private DatabaseConnections connections;
    private JdbcClient superuser;

    @BeforeAll
    static void startServer() {
        postgres = TestPostgres.start();
    }

    @AfterAll
    static void stopServer() {
        postgres.close();
    }

    @BeforeEach
    void migrateToTheVersionBefore() {
        String database = DatabaseFixtures.freshDatabase(postgres);
        connections = DatabaseFixtures.connections(postgres, database);
        superuser = JdbcClient.create(postgres.superuser(database));
        Flyway.configure(Migrations.class.getClassLoader())
                .configuration(migrations().flyway().getConfiguration())
                .target("16")
                .load()
                .migrate();
    }

    @AfterEach
    void closeConnections() {
        connections.close();
    }

    @Test
    void everySystemVZoneOfJavaBecomesOnePostgresqlKnowsWithTheSameOffsets() {
        List<String> systemV = ZoneId.getAvailableZoneIds().stream()
                .filter(id -> id.startsWith("SystemV/"))
                .sorted()
                .toList();
        assertThat(REPLACEMENTS.keySet()).containsExactlyElementsOf(systemV);
        REPLACEMENTS.keySet().forEach(zone -> department(letters(zone), zone));

        migrations().migrate();

        assertThat(zonesByPrefix()).isEqualTo(byPrefix(REPLACEMENTS));
        for (var replacement : REPLACEMENTS.entrySet()) {
            assertSameOffsets(replacement.getKey(), replacement.getValue());
        }
        assertThat(superuser
                        .sql("SELECT time_zone FROM dqms.department"
                                + " WHERE time_zone NOT IN (SELECT name FROM pg_timezone_names)")
                        .query(String.class)
                        .list())
                .as("zones PostgreSQL does not know")
                .isEmpty();
        assertThat(superuser
                        .sql("SELECT count(now() AT TIME ZONE time_zone) FROM dqms.department")
                        .query(Integer.class)
                        .single())
                .isEqualTo(REPLACEMENTS.size());
    }

    @Test
    void otherZonesAndEveryOtherColumnStayAsTheyWere() {
        department("KOL", "Asia/Kolkata");
        department("NYC", "America/New_York");
        department("EST", "SystemV/EST5");
        List<Map<String, Object>> before = otherColumns();

        migrations().migrate();

        assertThat(zonesByPrefix())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("KOL", "Asia/Kolkata", "NYC", "America/New_York", "EST", "Etc/GMT+5"));
        assertThat(otherColumns()).isEqualTo(before);
    }

    @Test
    void eachChangeIsAuditedWithTheZoneItReplaced() {
        long id = department("PST", "SystemV/PST8PDT");
        department("KOL", "Asia/Kolkata");

        migrations().migrate();

        assertThat(superuser
                        .sql("SELECT actor, action, target, details::text FROM dqms.audit_log")
                        .query((rows, n) ->
                                List.of(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4)))
                        .list())
                .containsExactly(List.of(
                        "system:dqms",
                        "DEPARTMENT_UPDATED",
                        "department:" + id,
                        "{\"prefix\": \"PST\", \"timeZone\": \"America/Los_Angeles\","
                                + " \"previousTimeZone\": \"SystemV/PST8PDT\"}"));
    }

    @Test
    void withoutDepartmentsItMigratesAndRunningItAgainChangesNothing() {
        migrations().migrate();
        assertThat(superuser
                        .sql("SELECT count(*) FROM dqms.flyway_schema_history WHERE version = '17' AND success")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        department("EST", "SystemV/EST5");
        JdbcClient migrator = JdbcClient.create(connections.direct(DatabaseConnections.MIGRATOR_NAME));

        migrator.sql(migrationSql()).update();
        migrator.sql(migrationSql()).update();

        assertThat(zonesByPrefix()).containsExactly(Map.entry("EST", "Etc/GMT+5"));
        assertThat(superuser
                        .sql("SELECT count(*) FROM dqms.audit_log")
                        .query(Integer.class)
                        .single())
                .as("one entry, for the one change")
                .isEqualTo(1);
    }

    private Migrations migrations() {
        return new Migrations(connections, DatabaseFixtures.settings(null, null));
    }

    private long department(String prefix, String zone) {
        return superuser
                .sql("""
                        INSERT INTO dqms.department (name, prefix, time_zone, daily_capacity, target_wait_minutes)
                        VALUES (:name, :prefix, :zone, 120, 25)
                        RETURNING id
                        """)
                .param("name", "Department " + prefix)
                .param("prefix", prefix)
                .param("zone", zone)
                .query(Long.class)
                .single();
    }

    private Map<String, String> zonesByPrefix() {
        return new TreeMap<>(superuser
                .sql("SELECT prefix, time_zone FROM dqms.department")
                .query((rows, n) -> Map.entry(rows.getString(1), rows.getString(2)))
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    private List<Map<String, Object>> otherColumns() {
        return superuser
                .sql("SELECT id, name, prefix, daily_capacity, target_wait_minutes, created_at"
                        + " FROM dqms.department ORDER BY id")
                .query()
                .listOfRows();
    }

    private static Map<String, String> byPrefix(Map<String, String> replacements) {
        Map<String, String> zones = new TreeMap<>();
        replacements.forEach((from, to) -> zones.put(letters(from), to));
        return zones;
    }

    /** SystemV/EST5EDT: ESTEDT, a department prefix of its own for each zone. */
    private static String letters(String zone) {
        return zone.substring("SystemV/".length()).replaceAll("[^A-Z]", "");
    }

    /** Winter and summer offsets of this year and of 2040 are Java's for the old zone. */
    private static void assertSameOffsets(String from, String to) {
        for (String at : List.of(
                "2026-01-15T12:00:00Z", "2026-07-15T12:00:00Z", "2040-01-15T12:00:00Z", "2040-07-15T12:00:00Z")) {
            Instant instant = Instant.parse(at);
            assertThat(ZoneId.of(to).getRules().getOffset(instant))
                    .as("%s against %s at %s", to, from, at)
                    .isEqualTo(ZoneId.of(from).getRules().getOffset(instant));
        }
        if (ZoneId.of(from).getRules().isFixedOffset()) {
            assertThat(ZoneId.of(to).getRules())
                    .as(to)
                    .isEqualTo(ZoneId.of(from).getRules());
        }
    }

    private static String migrationSql() {
        try {
            return new ClassPathResource(MIGRATION).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
