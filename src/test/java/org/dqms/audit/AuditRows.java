package org.dqms.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.dqms.accounts.AccountService;
import org.dqms.accounts.Role;
import org.dqms.accounts.UserAccount;
import org.dqms.platform.Actor;
import org.dqms.testing.SignInFailureRows;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Audit rows as stored, the accounts a test makes, and clean-up of both. Tests share a database,
 * so each finds its rows by a client address, actor or target no other test uses.
 */
final class AuditRows {

    static final String PASSWORD = "Quiet-Harbour-Lantern-93";

    /** A row as the table holds it, details as JSON text. */
    record Row(Instant at, String actor, String action, String target, String clientIp, String details) {

        /** Everything stored, for searching what must not be there. */
        String text() {
            return String.join("|", actor, action, target, String.valueOf(clientIp), details);
        }
    }

    private final JdbcClient jdbc;
    private final AccountService accounts;
    private final List<Long> accountIds = new ArrayList<>();
    private final List<String> emails = new ArrayList<>();
    private final List<String> clientIps = new ArrayList<>();
    private final List<String> targets = new ArrayList<>();
    private final List<String> actors = new ArrayList<>();

    AuditRows(JdbcClient jdbc, AccountService accounts) {
        this.jdbc = jdbc;
        this.accounts = accounts;
    }

    /** A documentation-range address (RFC 5737) no other test sends; its rows go at clean-up. */
    String newClientIp() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String ip = "203.0." + random.nextInt(256) + "." + random.nextInt(1, 255);
        while (clientIps.contains(ip)) {
            ip = "203.0." + random.nextInt(256) + "." + random.nextInt(1, 255);
        }
        clientIps.add(ip);
        return ip;
    }

    String uniqueEmail(String who) {
        String email = who + "-" + UUID.randomUUID() + "@example.org";
        emails.add(email);
        return email;
    }

    /** Rows of this target are deleted at clean-up. */
    String target(String target) {
        targets.add(target);
        return target;
    }

    /** Rows of this actor are deleted at clean-up. */
    String actor(String actor) {
        actors.add(actor);
        return actor;
    }

    UserAccount patient() {
        UserAccount account = accounts.signUpPatient(
                Actor.SYSTEM, "Audit Patient", "+919800000042", uniqueEmail("patient"), PASSWORD);
        return created(account);
    }

    UserAccount admin() {
        UserAccount account = accounts.createStaff(
                Actor.SYSTEM, uniqueEmail("admin"), "Audit Admin", Role.ADMIN, null, null, PASSWORD);
        return created(account);
    }

    /** An account made elsewhere (over HTTP, say), removed at clean-up. */
    UserAccount created(UserAccount account) {
        accountIds.add(account.id());
        target("account:" + account.id());
        return account;
    }

    List<Row> byClientIp(String clientIp) {
        return rows("client_ip = :value", clientIp);
    }

    List<Row> byTarget(String target) {
        return rows("target = :value", target);
    }

    List<Row> byActor(String actor) {
        return rows("actor = :value", actor);
    }

    private List<Row> rows(String where, String value) {
        // The condition is one of the constants above, never input.
        return jdbc.sql("SELECT at, actor, action, target, client_ip, CAST(details AS text) AS details"
                        + " FROM dqms.audit_log WHERE " + where + " ORDER BY id")
                .param("value", value)
                .query((rows, n) -> new Row(
                        rows.getObject("at", OffsetDateTime.class).toInstant(),
                        rows.getString("actor"),
                        rows.getString("action"),
                        rows.getString("target"),
                        rows.getString("client_ip"),
                        rows.getString("details")))
                .list();
    }

    void cleanUp() {
        for (long id : accountIds) {
            jdbc.sql("DELETE FROM dqms.app_user WHERE id = :id").param("id", id).update();
        }
        for (String email : emails) {
            SignInFailureRows.forget(jdbc, email);
        }
        clientIps.forEach(ip -> delete("client_ip", ip));
        targets.forEach(target -> delete("target", target));
        actors.forEach(actor -> delete("actor", actor));
        accountIds.clear();
        emails.clear();
        clientIps.clear();
        targets.clear();
        actors.clear();
    }

    private void delete(String column, String value) {
        String sql = switch (column) {
            case "client_ip" -> "DELETE FROM dqms.audit_log WHERE client_ip = :value";
            case "target" -> "DELETE FROM dqms.audit_log WHERE target = :value";
            default -> "DELETE FROM dqms.audit_log WHERE actor = :value";
        };
        jdbc.sql(sql).param("value", value).update();
    }
}
