package org.dqms.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dqms.platform.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.SpringProperties;

class TrainingRunExitTest {

    @TempDir
    Path dataDir;

    @Test
    void aTrainingRunStopsTheEmbeddedDatabase() {
        try (DatabaseConnections connections = embedded()) {
            int port = connections.targets().pooled().hosts().get(0).port();
            // Set only around the call: Spring halts a JVM whose contexts refresh while it is set.
            SpringProperties.setProperty(TrainingRunExit.EXIT_PROPERTY, "onRefresh");
            AtomicBoolean migrated = new AtomicBoolean();
            MigratedDataSource dataSource = MigratedDataSource.migrating(connections.pooled(), () -> {
                sleep(300);
                migrated.set(true);
            });
            try {
                new TrainingRunExit(connections, dataSource).afterSingletonsInstantiated();
            } finally {
                SpringProperties.setProperty(TrainingRunExit.EXIT_PROPERTY, null);
            }

            assertThat(migrated)
                    .as("the migration at start ended before the database stopped")
                    .isTrue();
            assertThatThrownBy(() -> new Socket("localhost", port).close()).isInstanceOf(IOException.class);
        }
    }

    @Test
    void anOrdinaryStartKeepsIt() throws IOException {
        try (DatabaseConnections connections = embedded()) {
            new TrainingRunExit(connections, MigratedDataSource.migrating(connections.pooled(), () -> {}))
                    .afterSingletonsInstantiated();

            try (Socket open = new Socket(
                    "localhost", connections.targets().pooled().hosts().get(0).port())) {
                assertThat(open.isConnected()).isTrue();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private DatabaseConnections embedded() {
        DatabaseSettings settings = TestSettings.defaults().build();
        return new DatabaseConnections(
                ConnectionTargetsResolver.resolve(settings, new Deployment(false, false, dataDir)), settings, true);
    }
}
