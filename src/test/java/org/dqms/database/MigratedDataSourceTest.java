package org.dqms.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.dqms.platform.Deployment;
import org.dqms.platform.InvalidSettingException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connections are handed out only after the migration at start, which runs beside the start. */
class MigratedDataSourceTest {

    @TempDir
    static Path dataDir;

    static DatabaseConnections connections;

    @BeforeAll
    static void embedded() {
        DatabaseSettings settings = TestSettings.defaults().build();
        connections = new DatabaseConnections(
                ConnectionTargetsResolver.resolve(settings, new Deployment(false, false, dataDir)), settings, true);
    }

    @AfterAll
    static void close() {
        connections.close();
    }

    @Test
    void connectionsWaitForTheMigrationThenAllAreServed() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        MigratedDataSource dataSource = MigratedDataSource.migrating(connections.pooled(), () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(threads.submit(() -> {
                    try (Connection connection = dataSource.getConnection()) {
                        return connection
                                        .createStatement()
                                        .executeQuery("SELECT 1")
                                        .next()
                                ? 1
                                : 0;
                    }
                }));
            }

            assertThatThrownBy(() -> answers.get(0).get(300, TimeUnit.MILLISECONDS))
                    .isInstanceOf(TimeoutException.class);
            assertThat(answers).noneMatch(Future::isDone);
            release.countDown();
            int served = 0;
            for (Future<Integer> answer : answers) {
                served += answer.get(10, TimeUnit.SECONDS);
            }
            assertThat(served).isEqualTo(6);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aFailedMigrationFailsEveryConnectionWithItsOwnException() {
        InvalidSettingException failure = new InvalidSettingException("DATABASE_URL", "schema is ahead");
        MigratedDataSource dataSource = MigratedDataSource.migrating(connections.pooled(), () -> {
            throw failure;
        });

        assertThatThrownBy(dataSource::getConnection).isSameAs(failure);
        assertThatThrownBy(dataSource::awaitMigrated).isSameAs(failure);
    }

    @Test
    void thePoolIsReachableForMetricsWithoutWaiting() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        MigratedDataSource dataSource = MigratedDataSource.migrating(connections.pooled(), () -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        assertThat(dataSource.isWrapperFor(HikariDataSource.class)).isTrue();
        assertThat(dataSource.unwrap(HikariDataSource.class)).isSameAs(connections.pooled());
        never.countDown();
    }
}
