package org.dqms.database;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.dqms.platform.Deployment;
import org.dqms.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The budget line at start on a real server that keeps slots for pg_use_reserved_connections
 * (PostgreSQL 16 and later) and whose roles have connection limits. Of its 40 connections, 3 are
 * for superusers and 5 for reserved roles, so dqms' roles may open 32.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConnectionBudgetOnServerTest {

    private static final String CLINIC_APP = "clinic_app";
    private static final String CLINIC_PASSWORD = "Clinic-Pw-74";
    private static final Deployment DEVELOPMENT = new Deployment(false, false, null);
    private static final Deployment PRODUCTION = new Deployment(true, false, null);

    private static final Logger CHECKS_LOG = (Logger) LoggerFactory.getLogger(DatabaseStartupChecks.class);

    private static TestPostgres postgres;

    @BeforeAll
    static void start() {
        postgres = TestPostgres.start(builder -> builder.setServerConfig("max_connections", "40")
                .setServerConfig("superuser_reserved_connections", "3")
                .setServerConfig("reserved_connections", "5"));
        postgres.createDatabase("dqms");
        DatabaseFixtures.applyRoles(postgres, "dqms");
        // An application role named otherwise than the layout's, as a production database may have.
        postgres.execute(
                "dqms",
                "CREATE ROLE " + CLINIC_APP + " LOGIN PASSWORD '" + CLINIC_PASSWORD + "' IN ROLE " + RoleLayout.APP);
    }

    /** A command run earlier in this JVM may have left dqms' logging at WARN. */
    @BeforeEach
    void logTheBudgetLine() {
        CHECKS_LOG.setLevel(Level.INFO);
    }

    @AfterEach
    void restoreLimits() {
        CHECKS_LOG.setLevel(null);
        postgres.execute("dqms", "ALTER ROLE " + RoleLayout.MIGRATOR + " CONNECTION LIMIT 20");
        postgres.execute("dqms", "ALTER ROLE " + CLINIC_APP + " CONNECTION LIMIT -1");
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @Test
    void slotsReservedForPrivilegedRolesAreNotCountedAsAvailable(CapturedOutput output) {
        check(layoutUrls().instances(3).poolSize(10), DEVELOPMENT);

        assertThat(output)
                .contains(
                        "Connection budget: 36 connections do not fit in the 32 the server allows"
                                + " (max_connections 40 - superuser_reserved_connections 3 - reserved_connections 5);"
                                + " lower DQMS_INSTANCES or DATABASE_POOL_SIZE, put a pooler in front, or raise max_connections");
    }

    @Test
    void theApplicationsLoginRoleMustHoldItsPoolsAndListeners(CapturedOutput output) {
        postgres.execute("dqms", "ALTER ROLE " + CLINIC_APP + " CONNECTION LIMIT 20");
        String clinicUrl = postgres.url(CLINIC_APP, CLINIC_PASSWORD, "dqms", "sslmode=disable");

        check(
                TestSettings.defaults()
                        .url(clinicUrl)
                        .directUrl(clinicUrl)
                        .instances(2)
                        .poolSize(10),
                PRODUCTION);

        assertThat(output)
                .contains("Connection budget: role clinic_app needs 22 connections (20 pooled + 2 listener) but its"
                        + " CONNECTION LIMIT is 20; lower DQMS_INSTANCES or DATABASE_POOL_SIZE, or raise it:"
                        + " ALTER ROLE clinic_app CONNECTION LIMIT 22")
                .doesNotContain("do not fit in the");
    }

    @Test
    void theMigratorRoleMustHoldTheMigrationsOfTheMigrateCommand(CapturedOutput output) {
        postgres.execute("dqms", "ALTER ROLE " + RoleLayout.MIGRATOR + " CONNECTION LIMIT 2");
        String appUrl = DatabaseFixtures.appUrl(postgres, "dqms");

        check(TestSettings.defaults().url(appUrl).directUrl(appUrl), PRODUCTION);

        assertThat(output)
                .contains("Connection budget: role dqms_migrator needs 3 connections (3 migrator) but its"
                        + " CONNECTION LIMIT is 2; raise it: ALTER ROLE dqms_migrator CONNECTION LIMIT 3");
    }

    @Test
    void theDirectRoleOfAServerThatMigratesHoldsListenersAndMigrations(CapturedOutput output) {
        postgres.execute("dqms", "ALTER ROLE " + RoleLayout.MIGRATOR + " CONNECTION LIMIT 4");

        check(layoutUrls().instances(2).poolSize(5), DEVELOPMENT);

        assertThat(output)
                .contains("Connection budget: role dqms_migrator needs 5 connections (2 listener + 3 migrator) but"
                        + " its CONNECTION LIMIT is 4; lower DQMS_INSTANCES, or raise it:"
                        + " ALTER ROLE dqms_migrator CONNECTION LIMIT 5");
    }

    @Test
    void aBudgetThatFitsIsOneLineWithEveryRole(CapturedOutput output) {
        check(layoutUrls(), DEVELOPMENT);

        assertThat(output)
                .contains("Connection budget: 1 instance(s) x (10 pooled + 1 listener) + 3 migrator = 14 of 32"
                        + " connections the server allows (max_connections 40 - superuser_reserved_connections 3"
                        + " - reserved_connections 5); by role: dqms_app 10 of CONNECTION LIMIT 200,"
                        + " dqms_migrator 4 of CONNECTION LIMIT 20")
                .doesNotContain("do not fit in the", "CONNECTION LIMIT is");
    }

    private static TestSettings layoutUrls() {
        return TestSettings.defaults()
                .url(DatabaseFixtures.appUrl(postgres, "dqms"))
                .directUrl(DatabaseFixtures.migratorUrl(postgres, "dqms"));
    }

    private static void check(TestSettings settings, Deployment deployment) {
        DatabaseSettings built = settings.build();
        try (DatabaseConnections connections =
                new DatabaseConnections(ConnectionTargetsResolver.resolve(built, deployment), built, true)) {
            MigratedDataSource migrated = MigratedDataSource.migrating(connections.pooled(), () -> {});
            new DatabaseStartupChecks(connections, built, deployment, migrated).afterSingletonsInstantiated();
        }
    }
}
