package org.dqms.queue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who to tell about a token, and how: what notifications need, read in the caller's transaction
 * so that an intent to notify is stored together with the change it tells of.
 */
@Service
public class TokenContacts {

    private static final String CONTACT = """
            SELECT t.id, t.number, d.prefix, d.id AS department_id, d.name AS department_name, t.patient_name,
                   t.phone, t.email, t.notify_channels, t.language, doc.room
              FROM dqms.token t
              JOIN dqms.department d ON d.id = t.department_id
              LEFT JOIN dqms.doctor doc ON doc.id = t.doctor_id
             WHERE t.id = :id
            """;

    /**
     * @param channels what the patient agreed to at join; may be empty
     * @param room where the patient is called to; null before a call
     * @param language the language code the patient chose; null for the deployment's default
     */
    public record Contact(
            long tokenId,
            String number,
            long departmentId,
            String departmentName,
            String patientName,
            String phone,
            String email,
            Set<NotifyChannel> channels,
            String room,
            String language) {}

    private final JdbcClient jdbc;
    private final PositionService positions;

    TokenContacts(JdbcClient jdbc, PositionService positions) {
        this.jdbc = jdbc;
        this.positions = positions;
    }

    @Transactional(readOnly = true)
    public Optional<Contact> of(long tokenId) {
        return jdbc.sql(CONTACT)
                .param("id", tokenId)
                .query((rows, n) -> new Contact(
                        rows.getLong("id"),
                        new TokenNumber(rows.getString("prefix"), rows.getInt("number")).display(),
                        rows.getLong("department_id"),
                        rows.getString("department_name"),
                        rows.getString("patient_name"),
                        rows.getString("phone"),
                        rows.getString("email"),
                        Arrays.stream((String[])
                                        rows.getArray("notify_channels").getArray())
                                .map(NotifyChannel::valueOf)
                                .collect(Collectors.toUnmodifiableSet()),
                        rows.getString("room"),
                        rows.getString("language")))
                .optional();
    }

    /** The department's waiting tokens with at most {@code ahead} others before them, in call order. */
    @Transactional(readOnly = true)
    public List<Long> nearTurn(long departmentId, int ahead) {
        return positions.queue(departmentId).waiting().stream()
                .filter(e -> e.position() - 1 <= ahead)
                .map(PositionService.Entry::tokenId)
                .toList();
    }
}
