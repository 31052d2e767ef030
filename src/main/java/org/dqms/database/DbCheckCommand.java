package org.dqms.database;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.dqms.platform.Command;
import org.dqms.platform.CommandUsage;
import org.dqms.platform.Deployment;
import org.springframework.stereotype.Component;

/**
 * {@code db check}: connects through both URLs and prints what an operator needs to trust them.
 * Exits 1 with one {@code problem:} line per problem.
 */
@Component
@CommandUsage(
        name = "db check",
        summary = "check both database connections: reachability, TLS, user, pooler, migrations")
class DbCheckCommand implements Command {

    private final DatabaseConnections connections;
    private final Migrations migrations;
    private final Deployment deployment;

    DbCheckCommand(DatabaseConnections connections, Migrations migrations, Deployment deployment) {
        this.connections = connections;
        this.migrations = migrations;
        this.deployment = deployment;
    }

    @Override
    public int run(List<String> arguments) {
        ConnectionTargets targets = connections.targets();
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        ConnectionPolicy.review(targets, deployment.production())
                .forEach(f -> (f.fatal() ? problems : warnings).add(f.line()));

        ConnectionReport pooled = check(ConnectionTargets.POOLED, targets.pooled(), connections.pooled(), problems);
        if (pooled != null && (pooled.superuser() || pooled.schemaOwner())) {
            String line = ConnectionTargets.POOLED + ": the application connects as " + pooled.user() + ", "
                    + (pooled.superuser() ? "a superuser" : "the schema owner");
            (deployment.production() ? problems : warnings).add(line);
        }
        if (targets.directProblem().isPresent()) {
            problems.add(
                    ConnectionTargets.DIRECT + ": " + targets.directProblem().get());
        } else {
            String label = targets.direct() == targets.pooled() ? "DIRECT (= DATABASE_URL)" : ConnectionTargets.DIRECT;
            if (check(label, targets.direct(), connections.direct(DatabaseConnections.CHECK_NAME), problems) != null) {
                migrationLine(problems);
            }
        }
        warnings.forEach(w -> System.out.println("warning: " + w));
        problems.forEach(p -> System.out.println("problem: " + p));
        System.out.println(problems.isEmpty() ? "OK" : problems.size() + " problem(s)");
        return problems.isEmpty() ? 0 : 1;
    }

    private static ConnectionReport check(String label, PostgresUrl url, DataSource source, List<String> problems) {
        System.out.printf("%s%n  %-14s %s%n", label, "url", url.redacted());
        ConnectionReport report;
        try {
            report = ConnectionInspector.inspect(source);
        } catch (RuntimeException e) {
            System.out.printf("  %-14s no%n", "reachable");
            problems.add(label + ": cannot connect (" + firstLine(e) + ")");
            return null;
        }
        System.out.printf("  %-14s yes, %d ms round trip%n", "reachable", report.latencyMillis());
        System.out.printf("  %-14s PostgreSQL %s%n", "server", report.serverVersion());
        System.out.printf("  %-14s %s%n", "tls", SessionTls.describe(url, report.tls()));
        System.out.printf(
                "  %-14s %s (superuser: %s, schema owner: %s)%n",
                "user", report.user(), yesNo(report.superuser()), yesNo(report.schemaOwner()));
        System.out.printf(
                "  %-14s %s%n",
                "pooler",
                url.looksLikeTransactionPooler()
                        ? "detected (" + ConnectionTargetsResolver.poolerReason(url) + "), prepareThreshold="
                                + url.parameter("prepareThreshold").orElse("default")
                        : "none detected");
        SessionTls.problem(url, report.tls()).ifPresent(problem -> problems.add(label + ": " + problem));
        return report;
    }

    private void migrationLine(List<String> problems) {
        try {
            MigrationState state = migrations.state();
            System.out.printf("%-16s %s%n", "migrations", state.summary());
            System.out.printf(
                    "%-16s %s%n",
                    "installation",
                    ConnectionInspector.installationId(connections.pooled()).orElse("none yet"));
            if (!state.upToDate()) {
                problems.add("migrations: " + state.summary());
            }
        } catch (RuntimeException e) {
            problems.add("migrations: cannot read the schema history (" + firstLine(e) + ")");
        }
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }

    private static String firstLine(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof java.sql.SQLException)) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.lines().findFirst().orElse("");
    }
}
