package org.dqms.database;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.SpringProperties;

/**
 * Stops the embedded PostgreSQL before a training run ends. The run that records the class data
 * sharing archive ({@code -Dspring.context.exit=onRefresh}, docs/DEPLOYMENT.md) ends with {@code
 * Runtime.halt} once every bean exists, which skips shutdown hooks and bean destruction, so the
 * database server it started would otherwise outlive it.
 */
final class TrainingRunExit implements SmartInitializingSingleton {

    static final String EXIT_PROPERTY = "spring.context.exit";

    private final DatabaseConnections connections;
    private final MigratedDataSource dataSource;

    TrainingRunExit(DatabaseConnections connections, MigratedDataSource dataSource) {
        this.connections = connections;
        this.dataSource = dataSource;
    }

    static boolean exitsOnRefresh() {
        return "onRefresh".equalsIgnoreCase(SpringProperties.getProperty(EXIT_PROPERTY));
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (exitsOnRefresh() && connections.targets().isEmbedded()) {
            dataSource.awaitMigrated();
            connections.close();
        }
    }
}
