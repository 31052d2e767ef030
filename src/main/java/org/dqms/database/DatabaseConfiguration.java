package org.dqms.database;

import java.util.Optional;
import org.dqms.platform.Deployment;
import org.dqms.platform.ServerOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.support.SQLExceptionTranslator;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseSettings.class)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    DatabaseConnections databaseConnections(
            DatabaseSettings settings, Deployment deployment, ObjectProvider<EmbeddedStart> startedEarly) {
        ConnectionTargets targets = ConnectionTargetsResolver.resolve(
                settings, deployment, Optional.ofNullable(startedEarly.getIfAvailable()));
        try {
            ConnectionPolicy.enforce(targets, deployment.production())
                    .forEach(warning -> log.warn("{}", warning.line()));
        } catch (RuntimeException e) {
            targets.embedded().ifPresent(EmbeddedPostgresServer::close);
            throw e;
        }
        return new DatabaseConnections(targets, settings, !deployment.commandMode());
    }

    @Bean
    TrainingRunExit trainingRunExit(DatabaseConnections connections, MigratedDataSource dataSource) {
        return new TrainingRunExit(connections, dataSource);
    }

    @Bean
    DatabaseMode databaseMode(DatabaseConnections connections) {
        return new DatabaseMode(connections.targets().isEmbedded());
    }

    @Bean
    DirectSessions directSessions(DatabaseConnections connections) {
        return new DirectSessions(connections);
    }

    @Bean
    Migrations migrations(DatabaseConnections connections, DatabaseSettings settings) {
        return new Migrations(connections, settings);
    }

    /**
     * The pool every module uses through {@code JdbcClient}. It hands out connections once the
     * schema is migrated (or found current), so no module ever sees an old schema; the migration
     * runs beside the creation of the other beans.
     */
    @Bean(destroyMethod = "")
    @Primary
    MigratedDataSource dataSource(DatabaseConnections connections, MigrationsOnStart migrationsOnStart) {
        return MigratedDataSource.migrating(connections.pooled(), migrationsOnStart::apply);
    }

    /** Taken by Spring Boot's {@code JdbcTemplate}, and so by every module's {@code JdbcClient}. */
    @Bean
    SQLExceptionTranslator sqlExceptionTranslator() {
        return new DataExceptionTranslator();
    }

    @Bean
    SchemaGate schemaGate(Migrations migrations, MigrationsOnStart migrationsOnStart) {
        return new SchemaGate(migrations::state, migrationsOnStart);
    }

    /**
     * The scheduler of every module's {@code @Scheduled} methods (the only TaskScheduler, so Spring
     * takes it for them), whose rounds skip while the schema is behind.
     */
    @Bean(destroyMethod = "shutdown")
    @ServerOnly
    GatedTaskScheduler taskScheduler(SchemaGate schemaGate) {
        return GatedTaskScheduler.start(schemaGate);
    }

    @Bean
    MigrationsOnStart migrationsOnStart(Migrations migrations, DatabaseSettings settings, Deployment deployment) {
        return new MigrationsOnStart(migrations, settings, deployment);
    }
}
