package org.dqms.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;
import org.dqms.testing.RunningApp;
import org.dqms.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rate-limit hits commit without a WAL flush each, and only their own transaction is affected. On
 * a PostgreSQL that flushes (fsync on, as in production; the embedded one skips it).
 */
@SpringBootTest(properties = {"dqms.data-dir=target/test-data/${random.uuid}", RunningApp.GENEROUS_RATE_LIMITS})
@DirtiesContext
class RateLimitCommitTest {

    private static final TestPostgres POSTGRES = flushingPostgres();

    private static final int HITS = 40;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Autowired
    DataSource dataSource;

    @Autowired
    RateLimitRepository counters;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void hitsAreCountedWithoutAWalFlushEachAndTheSessionKeepsSynchronousCommit() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            JdbcClient session = JdbcClient.create(new SingleConnectionDataSource(connection, true));
            RateLimitRepository onOneSession = new RateLimitRepository(session);
            Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS);
            Instant end = start.plus(1, ChronoUnit.HOURS);
            byte[] bucket = bucket();
            long syncsBefore = walSyncs(session);

            int counted = 0;
            for (int i = 0; i < HITS / 2; i++) {
                counted = onOneSession.hit(bucket, start, end);
                onOneSession.hit(
                        new RateLimitRepository.Window(bucket(), start, end, 100),
                        new RateLimitRepository.Window(bucket(), start, end, 100));
            }
            long syncs = walSyncs(session) - syncsBefore;

            assertThat(counted).isEqualTo(HITS / 2);
            // With a synchronous commit, this session alone would have flushed the WAL once per hit.
            assertThat(syncs).as("WAL flushes for %d hits", HITS).isLessThan(HITS / 4);
            assertThat(session.sql("SHOW synchronous_commit")
                            .query(String.class)
                            .single())
                    .isEqualTo("on");
        }
    }

    @Test
    void aHitInsideAnotherTransactionIsRefused() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS);
        assertThatThrownBy(() -> transactions.executeWithoutResult(
                        status -> counters.hit(bucket(), start, start.plus(1, ChronoUnit.HOURS))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside any transaction");
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("dqms.database.url", () -> POSTGRES.url("postgres", null, "dqms", "sslmode=disable"));
    }

    @AfterAll
    static void stopDatabase() {
        POSTGRES.close();
    }

    private static TestPostgres flushingPostgres() {
        TestPostgres postgres = TestPostgres.start(server -> server.setServerConfig("fsync", "on"));
        postgres.createDatabase("dqms");
        return postgres;
    }

    @Test
    void theDatabaseFlushes() {
        assertThat(JdbcClient.create(dataSource)
                        .sql("SELECT current_setting('fsync')")
                        .query(String.class)
                        .single())
                .isEqualTo("on");
    }

    /** This session's and the WAL writer's flushes so far, with this session's counts reported first. */
    private static long walSyncs(JdbcClient session) {
        session.sql("SELECT pg_stat_force_next_flush()").query().singleRow();
        return session.sql("SELECT wal_sync FROM pg_stat_wal").query(Long.class).single();
    }

    /** A bucket as the limits name them: 32 bytes, a digest. */
    private static byte[] bucket() {
        byte[] bucket = new byte[32];
        RANDOM.nextBytes(bucket);
        return bucket;
    }
}
