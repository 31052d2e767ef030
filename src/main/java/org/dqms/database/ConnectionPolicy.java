package org.dqms.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dqms.platform.InvalidSettingException;

/**
 * The rules a connection URL must follow. In production a breach stops dqms; in development most
 * are warnings, so a laptop can still talk to a local PostgreSQL without TLS.
 */
final class ConnectionPolicy {

    private static final String NON_VALIDATING_FACTORY = "NonValidatingFactory";

    /** One rule's verdict on one URL. */
    record Finding(String variable, String message, boolean fatal) {
        String line() {
            return variable + ": " + message;
        }
    }

    private ConnectionPolicy() {}

    static List<Finding> review(ConnectionTargets targets, boolean production) {
        List<Finding> findings = new ArrayList<>();
        if (targets.isEmbedded()) {
            return findings;
        }
        reviewTls(ConnectionTargets.POOLED, targets.pooled(), production, findings);
        reviewSessionState(targets.pooled(), findings);
        if (targets.direct() != targets.pooled()) {
            reviewTls(ConnectionTargets.DIRECT, targets.direct(), production, findings);
            if (targets.direct().looksLikeTransactionPooler()) {
                // Migrations hold a session's advisory lock and SET ROLE, which a transaction pooler
                // drops between transactions. A pooler host may be in session mode (Supabase's on
                // port 5432); port 6543, pgbouncer=true and Neon's pooler host leave no doubt, and
                // production refuses them.
                findings.add(new Finding(
                        ConnectionTargets.DIRECT,
                        ConnectionTargetsResolver.poolerReason(targets.direct())
                                + "; it should reach PostgreSQL directly, not through a transaction pooler",
                        production && targets.direct().certainlyTransactionPooler()));
            }
        }
        return findings;
    }

    /** Throws on the first fatal finding; returns the warnings. */
    static List<Finding> enforce(ConnectionTargets targets, boolean production) {
        List<Finding> findings = review(targets, production);
        for (Finding finding : findings) {
            if (finding.fatal()) {
                throw new InvalidSettingException(finding.variable(), finding.message());
            }
        }
        return findings;
    }

    private static void reviewTls(String variable, PostgresUrl url, boolean production, List<Finding> findings) {
        SslMode mode = url.sslMode();
        if (!mode.requiresTls()) {
            findings.add(new Finding(
                    variable,
                    "sslmode=" + mode.value() + " does not require TLS; production needs sslmode=require,"
                            + " verify-ca or verify-full (verify-full with sslrootcert is best)",
                    production));
        } else if (mode == SslMode.REQUIRE) {
            findings.add(new Finding(
                    variable,
                    "sslmode=require encrypts but does not check the server's certificate; use sslmode=verify-full"
                            + " with sslrootcert (RDS: global-bundle.pem; Azure: DigiCert Global Root G2 and"
                            + " Microsoft RSA Root CA 2017)",
                    false));
        }
        if (url.parameter("sslfactory")
                .filter(f -> f.contains(NON_VALIDATING_FACTORY))
                .isPresent()) {
            findings.add(new Finding(
                    variable,
                    "sslfactory=org.postgresql.ssl.NonValidatingFactory turns off certificate checks; remove it",
                    production));
        }
        url.sslRootCert()
                .filter(path -> !Files.isReadable(Path.of(path)))
                .ifPresent(
                        path -> findings.add(new Finding(variable, "sslrootcert " + path + " cannot be read", true)));
    }

    /** A transaction pooler hands each transaction a different server session. */
    private static void reviewSessionState(PostgresUrl pooled, List<Finding> findings) {
        for (String parameter : List.of("options", "currentSchema")) {
            if (pooled.parameter(parameter).isPresent()) {
                boolean pooler = pooled.looksLikeTransactionPooler();
                findings.add(new Finding(
                        ConnectionTargets.POOLED,
                        "the " + parameter + " parameter sets session state"
                                + (pooler ? ", which a transaction pooler does not keep" : "")
                                + "; set search_path and timeouts on the database role (ALTER ROLE ... SET)",
                        pooler));
            }
        }
    }
}
