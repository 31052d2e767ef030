package org.dqms.benchmark;

import java.sql.SQLException;
import java.util.List;

/**
 * Waiting patients for the doctors to call and for the position lookups to look up, put in the
 * queues with the join's own writes in SQL (the department's counter row, the WAITING token and its
 * history line), so numbers stay gapless. This fills queues quickly between measured runs; the
 * joins that are measured all go through dqms' API.
 */
final class Stock {

    // The counter row takes n numbers at once; the tokens get them in order, a microsecond apart.
    private static final String TOP_UP = """
            WITH day AS (
                SELECT (now() AT TIME ZONE d.time_zone)::date AS service_date FROM dqms.department d WHERE d.id = %1$d
            ), counter AS (
                INSERT INTO dqms.token_counter (department_id, service_date, last_number)
                SELECT %1$d, day.service_date, %2$d FROM day
                ON CONFLICT (department_id, service_date)
                DO UPDATE SET last_number = token_counter.last_number + %2$d
                RETURNING service_date, last_number
            ), tokens AS (
                INSERT INTO dqms.token (department_id, service_date, number, patient_name, phone, channel,
                                        priority, status, joined_at)
                SELECT %1$d, c.service_date, c.last_number - %2$d + g, 'Patient',
                       '+1' || (3000000000::bigint + %1$d::bigint * 1000000 + c.last_number - %2$d + g),
                       'WEB', 'NORMAL', 'WAITING', now() + g * interval '1 microsecond'
                  FROM counter c, generate_series(1, %2$d) g
                RETURNING id, joined_at
            )
            INSERT INTO dqms.token_history (token_id, from_status, to_status, actor, reason, at)
            SELECT id, NULL, 'WAITING', 'anonymous', 'joined via WEB', joined_at FROM tokens
            """;

    private final Database database;

    Stock(Database database) throws SQLException {
        this.database = database;
        database.execute("CREATE SCHEMA IF NOT EXISTS bench");
        database.execute("CREATE TABLE IF NOT EXISTS bench.position_link (n int PRIMARY KEY, public_id uuid NOT NULL)");
    }

    int waiting(long department) throws SQLException {
        return (int) database.number(
                "SELECT count(*) FROM dqms.token WHERE department_id = " + department + " AND status = 'WAITING'");
    }

    /** Tops each department up to at least {@code depth} waiting tokens; returns how many were added. */
    int topUp(List<Long> departments, int depth) throws SQLException {
        int added = 0;
        for (long department : departments) {
            int missing = depth - waiting(department);
            if (missing > 0) {
                database.execute(TOP_UP.formatted(department, missing));
                added += missing;
            }
        }
        return added;
    }

    /** The links of the waiting tokens of these departments, also stored for pgbench's position script. */
    List<String> links(List<Long> departments) throws SQLException {
        String ids = departments.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElseThrow();
        database.execute("TRUNCATE bench.position_link");
        database.execute("INSERT INTO bench.position_link (n, public_id) SELECT row_number() OVER (ORDER BY id), "
                + "public_id FROM dqms.token WHERE status = 'WAITING' AND department_id IN (" + ids + ")");
        return database.rows("SELECT public_id FROM bench.position_link ORDER BY n").stream()
                .map(r -> r.get(0))
                .toList();
    }
}
