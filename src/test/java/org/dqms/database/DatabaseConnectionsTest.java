package org.dqms.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.dqms.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class DatabaseConnectionsTest {

    private static TestPostgres postgres;
    private static String database;

    @BeforeAll
    static void start() {
        postgres = TestPostgres.start();
        database = DatabaseFixtures.freshDatabase(postgres);
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @Test
    void eachUseNamesItselfInPgStatActivity() {
        try (DatabaseConnections connections = DatabaseFixtures.connections(postgres, database)) {
            assertThat(applicationName(JdbcClient.create(connections.pooled()))).isEqualTo("dqms-app");
            assertThat(applicationName(JdbcClient.create(connections.direct(DatabaseConnections.MIGRATOR_NAME))))
                    .isEqualTo("dqms-migrator");
        }
    }

    @Test
    void poolUsesTheConfiguredSettings() {
        try (DatabaseConnections connections = DatabaseFixtures.connections(postgres, database)) {
            var pool = connections.pooled();
            assertThat(pool.getMaximumPoolSize()).isEqualTo(10);
            assertThat(pool.getConnectionTimeout()).isEqualTo(5_000);
            assertThat(pool.getMaxLifetime()).isEqualTo(15 * 60_000);
            assertThat(pool.getKeepaliveTime()).isEqualTo(2 * 60_000);
            assertThat(pool.getConnectionInitSql())
                    .as("no session state on pooled connections")
                    .isNull();
        }
    }

    @Test
    void directSessionsAreNotPooled() {
        try (DatabaseConnections connections = DatabaseFixtures.connections(postgres, database)) {
            JdbcClient direct = JdbcClient.create(connections.direct(DatabaseConnections.CHECK_NAME));
            int first =
                    direct.sql("SELECT pg_backend_pid()").query(Integer.class).single();
            int second =
                    direct.sql("SELECT pg_backend_pid()").query(Integer.class).single();

            assertThat(second).as("a new session for each use").isNotEqualTo(first);
        }
    }

    private static String applicationName(JdbcClient client) {
        return client.sql("SELECT application_name FROM pg_stat_activity WHERE pid = pg_backend_pid()")
                .query(String.class)
                .single();
    }
}
