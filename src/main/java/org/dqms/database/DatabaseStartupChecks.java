package org.dqms.database;

import java.util.List;
import java.util.Optional;
import org.dqms.platform.Deployment;
import org.dqms.platform.InvalidSettingException;
import org.dqms.platform.ServerOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Checks, before the server takes traffic, what the URLs alone cannot tell: that a session which
 * must be encrypted is (behind a pooler only logged, see {@link SessionTls}), that the application
 * does not run as a superuser or the schema owner, and that all instances together fit in the
 * server's connection limit and in the connection limits of the roles they log in as. They run
 * once every bean exists, after the migration at start, which the owner check needs; a failed
 * migration stops the start here at the latest.
 */
@Component
@ServerOnly
class DatabaseStartupChecks implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(DatabaseStartupChecks.class);

    private final DatabaseConnections connections;
    private final DatabaseSettings settings;
    private final Deployment deployment;
    private final MigratedDataSource dataSource;

    DatabaseStartupChecks(
            DatabaseConnections connections,
            DatabaseSettings settings,
            Deployment deployment,
            MigratedDataSource dataSource) {
        this.connections = connections;
        this.settings = settings;
        this.deployment = deployment;
        this.dataSource = dataSource;
    }

    @Override
    public void afterSingletonsInstantiated() {
        dataSource.awaitMigrated();
        ConnectionTargets targets = connections.targets();
        ConnectionReport pooled = ConnectionInspector.inspect(connections.pooled());
        requireTls(ConnectionTargets.POOLED, targets.pooled(), pooled);
        requireLeastPrivilege(pooled);
        Optional<ConnectionReport> direct = Optional.empty();
        if (targets.directProblem().isEmpty()) {
            direct = Optional.of(ConnectionInspector.inspect(connections.direct(DatabaseConnections.CHECK_NAME)));
            requireTls(ConnectionTargets.DIRECT, targets.direct(), direct.get());
        }
        log.info(
                "Database: PostgreSQL {} as {}, TLS {}, installation {}",
                pooled.serverVersion(),
                pooled.user(),
                SessionTls.describe(targets.pooled(), pooled.tls()),
                ConnectionInspector.installationId(connections.pooled()).orElse("not yet migrated"));
        logBudget(pooled, direct);
    }

    private static void requireTls(String variable, PostgresUrl url, ConnectionReport report) {
        SessionTls.problem(url, report.tls()).ifPresent(problem -> {
            throw new InvalidSettingException(variable, problem);
        });
    }

    private void requireLeastPrivilege(ConnectionReport pooled) {
        String role = pooled.superuser() ? "a superuser" : pooled.schemaOwner() ? "the owner of the dqms schema" : null;
        if (role == null) {
            return;
        }
        String problem = "connects as " + pooled.user() + ", " + role + "; the application should use a role with"
                + " data access only (see `db roles` in docs/DATABASE.md)";
        if (deployment.production()) {
            throw new InvalidSettingException(ConnectionTargets.POOLED, problem);
        }
        log.warn("{}: {}", ConnectionTargets.POOLED, problem);
    }

    /**
     * The listener opens its session on the direct URL, and so does the migrator when this server
     * migrates; otherwise {@code migrate} runs elsewhere, as the layout's migrator role.
     */
    private void logBudget(ConnectionReport pooled, Optional<ConnectionReport> direct) {
        String listener = direct.map(ConnectionReport::login).orElse(pooled.login());
        String migrator = MigrationsOnStart.migrates(settings, deployment) ? listener : RoleLayout.MIGRATOR;
        ConnectionBudget budget = ConnectionBudget.of(
                settings.instances(),
                settings.poolSize(),
                pooled.slots(),
                new ConnectionBudget.Logins(pooled.login(), listener, migrator),
                ConnectionInspector.connectionLimits(
                        connections.pooled(), List.of(pooled.login(), listener, migrator)));
        List<String> problems = budget.problems();
        if (problems.isEmpty()) {
            log.info("{}", budget.describe());
        } else {
            log.warn("{}", budget.describe());
            problems.forEach(problem -> log.warn("{}", problem));
        }
    }
}
