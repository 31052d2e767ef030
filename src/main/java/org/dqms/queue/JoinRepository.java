package org.dqms.queue;

import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import org.dqms.queue.Token.Patient;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * New tokens, of joins and of transfers, and the earlier tokens a join must return instead of
 * issuing one.
 */
@Repository
class JoinRepository {

    private static final String FROM = " FROM dqms.token t JOIN dqms.department d ON d.id = t.department_id";

    private static final String FIND_BY_IDEMPOTENCY_KEY = "SELECT " + TokenRepository.COLUMNS + FROM + """
             WHERE t.department_id = :departmentId AND t.idempotency_key = :idempotencyKey
            """;

    // Matches the partial unique index token_one_active_per_phone.
    private static final String FIND_ACTIVE_BY_PHONE = "SELECT " + TokenRepository.COLUMNS + FROM + """
             WHERE t.department_id = :departmentId AND t.phone = :phone
               AND t.status IN ('WAITING', 'CALLED', 'IN_CONSULTATION')
            """;

    // A join in one statement: the day's next number (TokenCounterRepository.TAKE_NEXT) with the
    // arrival it stands for, the token, its first history line, and the token as the API reads it. Where the phone
    // already holds an active
    // token in the department, or the idempotency key was used there, no token is inserted (ON
    // CONFLICT DO NOTHING, which waits for a concurrent join of the same phone to end first) but the
    // number was taken, so the caller rolls back. A full day takes no number and inserts nothing.
    private static final String ISSUE =
            "WITH next_number AS (" + TokenCounterRepository.TAKE_NEXT + """
            ), issued AS (
                INSERT INTO dqms.token (department_id, service_date, number, patient_name, phone, email,
                                        preferred_doctor_id, channel, priority, status, idempotency_key,
                                        joined_at, patient_user_id, notify_channels, language)
                SELECT :departmentId, :serviceDate, n.last_number, :patientName, :phone, :email,
                       :preferredDoctorId, :channel, :priority, 'WAITING', :idempotencyKey, n.last_joined_at,
                       :patientUserId, CAST(:notifyChannels AS text[]), :language
                  FROM next_number n
                ON CONFLICT DO NOTHING
                RETURNING *
            ), history AS (
                INSERT INTO dqms.token_history (token_id, from_status, to_status, actor, reason, at)
                SELECT id, NULL, 'WAITING', :actor, :reason, joined_at FROM issued
            )
            SELECT EXISTS (SELECT 1 FROM next_number) AS numbered, """ + TokenRepository.COLUMNS + """

              FROM (SELECT 1) AS one
              LEFT JOIN issued t ON true
              LEFT JOIN dqms.department d ON d.id = t.department_id
            """;

    private static final String NEXT_ID = "SELECT nextval(pg_get_serial_sequence('dqms.token', 'id'))";

    // A join leaves :id null and takes the identity's next value. A transfer passes the id it drew
    // before (NEXT_ID), so that the previous token can name it and be stored before the new one takes
    // the phone's active place in the department. A transferred token stays with the patient account
    // that held the previous one.
    private static final String INSERT = """
            INSERT INTO dqms.token (id, department_id, service_date, number, patient_name, phone, email,
                                    preferred_doctor_id, channel, priority, status, idempotency_key,
                                    previous_token_id, joined_at, patient_user_id, notify_channels, language)
            OVERRIDING SYSTEM VALUE
            VALUES (coalesce(:id, nextval(pg_get_serial_sequence('dqms.token', 'id'))), :departmentId,
                    :serviceDate, :number, :patientName, :phone, :email, :preferredDoctorId, :channel,
                    :priority, 'WAITING', :idempotencyKey, :previousTokenId, :joinedAt,
                    coalesce(:patientUserId,
                             (SELECT p.patient_user_id FROM dqms.token p WHERE p.id = :previousTokenId)),
                    coalesce((SELECT p.notify_channels FROM dqms.token p WHERE p.id = :previousTokenId),
                             CAST(:notifyChannels AS text[])),
                    coalesce((SELECT p.language FROM dqms.token p WHERE p.id = :previousTokenId), :language))
            RETURNING id
            """;

    private final JdbcClient jdbc;

    JoinRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Token> findByIdempotencyKey(long departmentId, String idempotencyKey) {
        return jdbc.sql(FIND_BY_IDEMPOTENCY_KEY)
                .param("departmentId", departmentId)
                .param("idempotencyKey", idempotencyKey)
                .query(TokenRepository::token)
                .optional();
    }

    Optional<Token> findActiveByPhone(long departmentId, PhoneNumber phone) {
        return jdbc.sql(FIND_ACTIVE_BY_PHONE)
                .param("departmentId", departmentId)
                .param("phone", phone.value())
                .query(TokenRepository::token)
                .optional();
    }

    /**
     * What a join's statement did: took a number and issued the token; took a number but found the
     * phone's active token or the idempotency key's (roll back, then read that one); or took none,
     * the day being full.
     */
    record Issue(boolean numbered, Token token) {

        boolean issued() {
            return token != null;
        }
    }

    /** Issues a join's WAITING token with the day's next number and its first history line. */
    Issue issue(
            long departmentId,
            LocalDate serviceDate,
            int capacity,
            JoinCommand command,
            String idempotencyKey,
            String actor,
            Instant joinedAt) {
        return jdbc.sql(ISSUE)
                .param("departmentId", departmentId)
                .param("serviceDate", serviceDate)
                .param("capacity", capacity)
                .param("patientName", command.patientName())
                .param("phone", command.phone().value())
                .param("email", command.email())
                .param("preferredDoctorId", command.preferredDoctorId())
                .param("channel", command.channel().name())
                .param("priority", command.priority().name())
                .param("idempotencyKey", idempotencyKey)
                .param("joinedAt", TokenRepository.timestamp(joinedAt))
                .param("patientUserId", command.patientUserId(), Types.BIGINT)
                .param("notifyChannels", channelNames(command.notifications()))
                .param("language", command.language(), Types.VARCHAR)
                .param("actor", actor)
                .param("reason", "joined via " + command.channel())
                .query((rows, n) -> new Issue(
                        rows.getBoolean("numbered"),
                        rows.getObject("id") == null ? null : TokenRepository.token(rows, n)))
                .single();
    }

    /**
     * Inserts the WAITING token of a join and returns its id. Throws {@code DuplicateKeyException} if
     * the phone already holds an active token in the department or the idempotency key was used there.
     */
    long insert(
            long departmentId,
            LocalDate serviceDate,
            int number,
            JoinCommand command,
            String idempotencyKey,
            Instant joinedAt) {
        return insert(
                null,
                departmentId,
                serviceDate,
                number,
                new Patient(command.patientName(), command.phone(), command.email()),
                command.preferredDoctorId(),
                command.channel(),
                command.priority(),
                idempotencyKey,
                null,
                joinedAt,
                command.patientUserId(),
                command.notifications(),
                command.language());
    }

    /** Draws the id of a token to be inserted later, for a caller that must name it first. */
    long nextId() {
        return jdbc.sql(NEXT_ID).query(Long.class).single();
    }

    /**
     * Inserts the WAITING token {@code id} (from {@link #nextId()}) that continues {@code previous}'s
     * journey, with its patient, channel and priority. Throws {@code DuplicateKeyException} if the
     * phone already holds an active token in the department.
     */
    void insertTransferred(
            long id,
            Token previous,
            long departmentId,
            LocalDate serviceDate,
            int number,
            Long preferredDoctorId,
            Instant joinedAt) {
        insert(
                id,
                departmentId,
                serviceDate,
                number,
                previous.patient(),
                preferredDoctorId,
                previous.channel(),
                previous.priority(),
                null,
                previous.id(),
                joinedAt,
                null,
                Set.of(),
                null);
    }

    private long insert(
            Long id,
            long departmentId,
            LocalDate serviceDate,
            int number,
            Patient patient,
            Long preferredDoctorId,
            Channel channel,
            Priority priority,
            String idempotencyKey,
            Long previousTokenId,
            Instant joinedAt,
            Long patientUserId,
            Set<NotifyChannel> notifications,
            String language) {
        return jdbc.sql(INSERT)
                .param("id", id, Types.BIGINT)
                .param("departmentId", departmentId)
                .param("serviceDate", serviceDate)
                .param("number", number)
                .param("patientName", patient.name())
                .param("phone", patient.phone().value())
                .param("email", patient.email())
                .param("preferredDoctorId", preferredDoctorId)
                .param("channel", channel.name())
                .param("priority", priority.name())
                .param("idempotencyKey", idempotencyKey)
                .param("previousTokenId", previousTokenId, Types.BIGINT)
                .param("joinedAt", TokenRepository.timestamp(joinedAt))
                .param("patientUserId", patientUserId, Types.BIGINT)
                .param("notifyChannels", channelNames(notifications))
                .param("language", language, Types.VARCHAR)
                .query(Long.class)
                .single();
    }

    /** The channels as the {@code text[]} column holds them, sorted. */
    private static String[] channelNames(Set<NotifyChannel> channels) {
        return channels.stream().map(Enum::name).sorted().toArray(String[]::new);
    }
}
