package org.dqms.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The audit log table, and the one read of the queue's history it needs to name who moved a token. */
@Repository
class AuditRepository {

    private static final String INSERT = """
            INSERT INTO dqms.audit_log (at, actor, action, target, client_ip, details)
            VALUES (:at, :actor, :action, :target, :clientIp, CAST(:details AS jsonb))
            """;

    // A null filter matches every row; the casts tell PostgreSQL the type of a null parameter.
    private static final String FILTER = """
             WHERE (CAST(:action AS text) IS NULL OR action = :action)
               AND (CAST(:actor AS text) IS NULL OR actor = :actor)
               AND (CAST(:from AS timestamptz) IS NULL OR at >= :from)
               AND (CAST(:to AS timestamptz) IS NULL OR at < :to)
            """;

    private static final String PAGE =
            "SELECT id, at, actor, action, target, client_ip, CAST(details AS text) AS details" + " FROM dqms.audit_log"
                    + FILTER + " ORDER BY at DESC, id DESC LIMIT :limit OFFSET :offset";

    private static final String COUNT = "SELECT count(*) FROM dqms.audit_log" + FILTER;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {};

    private final JdbcClient jdbc;

    AuditRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Instant at, String actor, AuditAction action, String target, String clientIp, Map<String, ?> details) {
        jdbc.sql(INSERT)
                .param("at", at(at))
                .param("actor", actor)
                .param("action", action.name())
                .param("target", target)
                .param("clientIp", clientIp)
                .param("details", JSON.writeValueAsString(details))
                .update();
    }

    List<AuditEntry> page(AuditFilter filter, int limit, long offset) {
        return filtered(jdbc.sql(PAGE), filter)
                .param("limit", limit)
                .param("offset", offset)
                .query(AuditRepository::entry)
                .list();
    }

    long count(AuditFilter filter) {
        return filtered(jdbc.sql(COUNT), filter).query(Long.class).single();
    }

    private static JdbcClient.StatementSpec filtered(JdbcClient.StatementSpec spec, AuditFilter filter) {
        return spec.param(
                        "action",
                        filter.action() == null ? null : filter.action().name())
                .param("actor", filter.actor())
                .param("from", filter.from() == null ? null : at(filter.from()))
                .param("to", filter.to() == null ? null : at(filter.to()));
    }

    private static AuditEntry entry(ResultSet rows, int rowNumber) throws SQLException {
        return new AuditEntry(
                rows.getLong("id"),
                rows.getObject("at", OffsetDateTime.class).toInstant(),
                rows.getString("actor"),
                AuditAction.valueOf(rows.getString("action")),
                rows.getString("target"),
                rows.getString("client_ip"),
                JSON.readValue(rows.getString("details"), DETAILS));
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
