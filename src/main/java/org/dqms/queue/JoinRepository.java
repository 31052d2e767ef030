package org.dqms.queue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** New tokens, and the earlier tokens a join must return instead of issuing one. */
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

    private static final String INSERT = """
            INSERT INTO dqms.token (department_id, service_date, number, patient_name, phone, email,
                                    preferred_doctor_id, channel, priority, status, idempotency_key, joined_at)
            VALUES (:departmentId, :serviceDate, :number, :patientName, :phone, :email,
                    :preferredDoctorId, :channel, :priority, 'WAITING', :idempotencyKey, :joinedAt)
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
     * Inserts a WAITING token and returns its id. Throws {@code DuplicateKeyException} if the phone
     * already holds an active token in the department or the idempotency key was used there.
     */
    long insert(
            long departmentId,
            LocalDate serviceDate,
            int number,
            JoinCommand command,
            String idempotencyKey,
            Instant joinedAt) {
        return jdbc.sql(INSERT)
                .param("departmentId", departmentId)
                .param("serviceDate", serviceDate)
                .param("number", number)
                .param("patientName", command.patientName())
                .param("phone", command.phone().value())
                .param("email", command.email())
                .param("preferredDoctorId", command.preferredDoctorId())
                .param("channel", command.channel().name())
                .param("priority", command.priority().name())
                .param("idempotencyKey", idempotencyKey)
                .param("joinedAt", TokenRepository.timestamp(joinedAt))
                .query(Long.class)
                .single();
    }
}
