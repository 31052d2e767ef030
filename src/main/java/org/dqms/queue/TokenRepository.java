package org.dqms.queue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.dqms.platform.ConflictException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Repository;

/** Tokens and their history. Joins and the queue's own reads live in their own repositories. */
@Repository
class TokenRepository {

    static final String COLUMNS = """
            t.id, t.public_id, t.department_id, t.service_date, t.number, d.prefix, t.patient_name, t.phone,
            t.email, t.preferred_doctor_id, t.channel, t.priority, t.status, t.doctor_id, t.recall_count,
            t.call_reason, t.previous_token_id, t.joined_at, t.called_at, t.started_at, t.completed_at,
            t.ended_at, t.consultation_notes, t.version""";

    private static final String FIND_BY_ID = "SELECT " + COLUMNS
            + " FROM dqms.token t JOIN dqms.department d ON d.id = t.department_id WHERE t.id = :id";

    private static final String FIND_BY_PUBLIC_ID = "SELECT " + COLUMNS
            + " FROM dqms.token t JOIN dqms.department d ON d.id = t.department_id WHERE t.public_id = :publicId";

    // Matches the partial index token_waiting.
    private static final String WAITING_IN = "SELECT " + COLUMNS
            + " FROM dqms.token t JOIN dqms.department d ON d.id = t.department_id"
            + " WHERE t.department_id = :departmentId AND t.status = 'WAITING'";

    private static final String HELD_BY = """
            SELECT EXISTS (SELECT 1 FROM dqms.token WHERE id = :id AND patient_user_id = :userId)
            """;

    // FOR NO KEY UPDATE, as the UPDATE that follows: a transition does not wait for rows being
    // written that refer to the token (a wait quote, a notification), which take FOR KEY SHARE.
    private static final String LOCK_BY_ID = FIND_BY_ID + " FOR NO KEY UPDATE OF t";

    // The tokens that wait, or are called and may wait again after a recall, for the doctor in the
    // departments; all of them, so a call in flight is waited for rather than skipped.
    private static final String LOCK_PREFERRING = "SELECT " + COLUMNS + """
              FROM dqms.token t JOIN dqms.department d ON d.id = t.department_id
             WHERE t.preferred_doctor_id = :doctorId AND t.department_id = ANY(:departmentIds)
               AND t.status IN ('WAITING', 'CALLED')
             ORDER BY t.id
               FOR NO KEY UPDATE OF t
            """;

    private static final String UPDATE = """
            UPDATE dqms.token
               SET status = :status, preferred_doctor_id = :preferredDoctorId, doctor_id = :doctorId,
                   recall_count = :recallCount, call_reason = :callReason,
                   called_at = :calledAt, started_at = :startedAt, completed_at = :completedAt, ended_at = :endedAt,
                   consultation_notes = :notes, version = version + 1
             WHERE id = :id AND version = :version
            """;

    // The update and its one history line in one statement: the line is written only if the
    // update found the token at its version, so the count is 1 or 0 as for UPDATE alone.
    private static final String UPDATE_WITH_HISTORY = """
            WITH updated AS (
            %s RETURNING id
            )
            INSERT INTO dqms.token_history (token_id, from_status, to_status, actor, reason, at)
            SELECT id, CAST(:from AS text), CAST(:to AS text), CAST(:actor AS text), CAST(:reason AS text),
                   CAST(:at AS timestamptz)
              FROM updated
            """.formatted(UPDATE.strip());

    private static final String INSERT_HISTORY = """
            INSERT INTO dqms.token_history (token_id, from_status, to_status, actor, reason, at)
            VALUES (:tokenId, :from, :to, :actor, :reason, :at)
            """;

    private static final String HISTORY = """
            SELECT from_status, to_status, actor, reason, at
              FROM dqms.token_history
             WHERE token_id = :tokenId
             ORDER BY id
            """;

    private final JdbcClient jdbc;

    TokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Token> find(long id) {
        return jdbc.sql(FIND_BY_ID)
                .param("id", id)
                .query(TokenRepository::token)
                .optional();
    }

    Optional<Token> findByPublicId(UUID publicId) {
        return jdbc.sql(FIND_BY_PUBLIC_ID)
                .param("publicId", publicId)
                .query(TokenRepository::token)
                .optional();
    }

    /** The department's waiting tokens, in no particular order. */
    List<Token> waitingIn(long departmentId) {
        return jdbc.sql(WAITING_IN)
                .param("departmentId", departmentId)
                .query(TokenRepository::token)
                .list();
    }

    /** Whether the patient account holds the token: it joined signed in, or the token continues one it did. */
    boolean heldBy(long id, long userId) {
        return jdbc.sql(HELD_BY)
                .param("id", id)
                .param("userId", userId)
                .query(Boolean.class)
                .single();
    }

    /** Reads the token and locks its row until the transaction ends. */
    Optional<Token> lock(long id) {
        return jdbc.sql(LOCK_BY_ID)
                .param("id", id)
                .query(TokenRepository::token)
                .optional();
    }

    /** Locks the WAITING and CALLED tokens that ask for the doctor in one of the departments. */
    List<Token> lockPreferring(long doctorId, Set<Long> departmentIds) {
        return jdbc.sql(LOCK_PREFERRING)
                .param("doctorId", doctorId)
                .param("departmentIds", departmentIds.toArray(Long[]::new))
                .query(TokenRepository::token)
                .list();
    }

    /** Stores the token's new state and its new history lines; fails if someone changed it meanwhile. */
    void save(Token token) {
        Token.Snapshot s = token.snapshot();
        List<TokenTransition> transitions = token.drainTransitions();
        boolean one = transitions.size() == 1;
        int updated = one
                ? withTransition(withState(jdbc.sql(UPDATE_WITH_HISTORY), s), transitions.get(0))
                        .update()
                : withState(jdbc.sql(UPDATE), s).update();
        if (updated != 1) {
            throw new ConflictException(
                    "Token changed",
                    "Token " + s.id() + " was changed by someone else meanwhile; reload and try again.",
                    Map.of());
        }
        if (!one) {
            transitions.forEach(t -> appendHistory(s.id(), t));
        }
    }

    private static StatementSpec withState(StatementSpec statement, Token.Snapshot s) {
        return statement
                .param("status", s.status().name())
                .param("preferredDoctorId", s.preferredDoctorId())
                .param("doctorId", s.doctorId())
                .param("recallCount", s.recallCount())
                .param(
                        "callReason",
                        s.callReason() == null ? null : s.callReason().name())
                .param("calledAt", timestamp(s.calledAt()))
                .param("startedAt", timestamp(s.startedAt()))
                .param("completedAt", timestamp(s.completedAt()))
                .param("endedAt", timestamp(s.endedAt()))
                .param("notes", s.consultationNotes())
                .param("id", s.id())
                .param("version", s.version());
    }

    void appendHistory(long tokenId, TokenTransition transition) {
        withTransition(jdbc.sql(INSERT_HISTORY).param("tokenId", tokenId), transition)
                .update();
    }

    private static StatementSpec withTransition(StatementSpec statement, TokenTransition transition) {
        return statement
                .param(
                        "from",
                        transition.from() == null ? null : transition.from().name())
                .param("to", transition.to().name())
                .param("actor", transition.actor())
                .param("reason", transition.reason())
                .param("at", timestamp(transition.at()));
    }

    List<TokenTransition> history(long tokenId) {
        return jdbc.sql(HISTORY)
                .param("tokenId", tokenId)
                .query((rows, n) -> new TokenTransition(
                        status(rows.getString("from_status")),
                        TokenStatus.valueOf(rows.getString("to_status")),
                        rows.getString("actor"),
                        rows.getString("reason"),
                        rows.getTimestamp("at").toInstant()))
                .list();
    }

    /** Maps a row selected with {@link #COLUMNS}. */
    static Token token(ResultSet rows, int rowNumber) throws SQLException {
        return new Token(new Token.Snapshot(
                rows.getLong("id"),
                rows.getObject("public_id", UUID.class),
                rows.getLong("department_id"),
                rows.getObject("service_date", LocalDate.class),
                new TokenNumber(rows.getString("prefix"), rows.getInt("number")),
                new Token.Patient(
                        rows.getString("patient_name"),
                        new PhoneNumber(rows.getString("phone")),
                        rows.getString("email")),
                (Long) rows.getObject("preferred_doctor_id"),
                Channel.valueOf(rows.getString("channel")),
                Priority.valueOf(rows.getString("priority")),
                TokenStatus.valueOf(rows.getString("status")),
                (Long) rows.getObject("doctor_id"),
                rows.getInt("recall_count"),
                rows.getString("call_reason") == null ? null : CallReason.valueOf(rows.getString("call_reason")),
                (Long) rows.getObject("previous_token_id"),
                instant(rows, "joined_at"),
                instant(rows, "called_at"),
                instant(rows, "started_at"),
                instant(rows, "completed_at"),
                instant(rows, "ended_at"),
                rows.getString("consultation_notes"),
                rows.getInt("version")));
    }

    private static TokenStatus status(String value) {
        return value == null ? null : TokenStatus.valueOf(value);
    }

    static Instant instant(ResultSet rows, String column) throws SQLException {
        Timestamp timestamp = rows.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
