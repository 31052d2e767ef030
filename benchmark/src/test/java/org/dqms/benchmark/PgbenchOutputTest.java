package org.dqms.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dqms.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pgbench's rate is the baseline of every ratio, read from what pgbench prints. This runs the real
 * pgbench (on {@code PATH}; Debian: postgresql) on a real PostgreSQL and reads its output as the
 * benchmark does: a run's rate and transactions, and a run whose script fails is a problem, not a
 * rate. Without pgbench this test fails.
 */
class PgbenchOutputTest {

    private static TestPostgres postgres;

    @TempDir
    static Path scripts;

    @BeforeAll
    static void start() {
        postgres = TestPostgres.start();
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @Test
    void aRunsRateAndTransactionsAreRead() throws Exception {
        org.dqms.testing.Pgbench.Output out = pgbench("SELECT 1;", 2, 40);

        Pgbench.Run run = Pgbench.parse("select.sql", 2, out.exitValue(), out.text());

        assertThat(run.problem()).as(out.text()).isNull();
        assertThat(run.transactions()).isEqualTo(80);
        assertThat(run.failed()).isZero();
        assertThat(run.tps()).isPositive();
        assertThat(run.ok()).isTrue();
    }

    @Test
    void aRunWhoseScriptFailsIsAProblemNotARate() throws Exception {
        org.dqms.testing.Pgbench.Output out = pgbench("SELECT no_such_column FROM pg_class;", 1, 5);

        Pgbench.Run run = Pgbench.parse("broken.sql", 1, out.exitValue(), out.text());

        assertThat(run.problem()).as(out.text()).startsWith("pgbench exited");
        assertThat(run.ok()).isFalse();
    }

    /** The real pgbench: {@code transactions} per client of a one-line script. */
    private static org.dqms.testing.Pgbench.Output pgbench(String sql, int clients, int transactions)
            throws Exception {
        Path script = Files.writeString(Files.createTempFile(scripts, "script", ".sql"), sql + "\n");
        return org.dqms.testing.Pgbench.invoke(
                new org.dqms.testing.Pgbench.Target("localhost", postgres.port(), "postgres", null, "postgres"),
                script,
                clients,
                transactions,
                Map.of());
    }
}
