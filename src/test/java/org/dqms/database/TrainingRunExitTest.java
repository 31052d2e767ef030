package org.dqms.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
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
            try {
                new TrainingRunExit(connections).afterSingletonsInstantiated();
            } finally {
                SpringProperties.setProperty(TrainingRunExit.EXIT_PROPERTY, null);
            }

            assertThatThrownBy(() -> new Socket("localhost", port).close()).isInstanceOf(IOException.class);
        }
    }

    @Test
    void anOrdinaryStartKeepsIt() throws IOException {
        try (DatabaseConnections connections = embedded()) {
            new TrainingRunExit(connections).afterSingletonsInstantiated();

            try (Socket open = new Socket(
                    "localhost", connections.targets().pooled().hosts().get(0).port())) {
                assertThat(open.isConnected()).isTrue();
            }
        }
    }

    private DatabaseConnections embedded() {
        DatabaseSettings settings = TestSettings.defaults().build();
        return new DatabaseConnections(
                ConnectionTargetsResolver.resolve(settings, new Deployment(false, false, dataDir)), settings, true);
    }
}
