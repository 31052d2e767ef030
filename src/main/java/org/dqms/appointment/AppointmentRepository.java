package org.dqms.appointment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.dqms.appointment.Appointment.Change;
import org.dqms.appointment.Appointment.State;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Appointments, their history, and the locked counter that keeps slots from being overbooked. */
@Repository
class AppointmentRepository {

    private static final String COLUMNS = """
            a.id, a.public_id, a.plan_id, a.department_id, a.doctor_id, a.starts_at, a.ends_at, a.patient_name,
            a.phone, a.email, a.user_id, a.status, a.placement, a.token_id, a.created_at, a.version""";

    // Takes one place in the slot, creating its counter on the first booking. The row lock of the
    // upsert queues concurrent bookings of one slot; a full slot returns no row. The capacity is the
    // plan's as it is now, so a changed capacity counts for slots already booked, as it does for the
    // free places the slots show.
    private static final String TAKE_PLACE = """
            INSERT INTO dqms.appointment_slot AS s (plan_id, starts_at, capacity, booked)
            VALUES (:planId, :startsAt, :capacity, 1)
            ON CONFLICT (plan_id, starts_at) DO UPDATE SET booked = s.booked + 1, capacity = EXCLUDED.capacity
             WHERE s.booked < EXCLUDED.capacity
            RETURNING s.booked
            """;

    private static final String GIVE_BACK = """
            UPDATE dqms.appointment_slot SET booked = booked - 1
             WHERE plan_id = :planId AND starts_at = :startsAt AND booked > 0
            """;

    private static final String BOOKED_BETWEEN = """
            SELECT s.starts_at, s.booked FROM dqms.appointment_slot s
             WHERE s.plan_id = :planId AND s.starts_at >= :from AND s.starts_at < :until
            """;

    private static final String INSERT = """
            INSERT INTO dqms.appointment (plan_id, department_id, doctor_id, starts_at, ends_at, patient_name,
                                          phone, email, user_id, status, created_at, notify_channels)
            VALUES (:planId, :departmentId, :doctorId, :startsAt, :endsAt, :patientName, :phone, :email, :userId,
                    'BOOKED', :createdAt, CAST(:notifyChannels AS text[]))
            RETURNING id
            """;

    private static final String FIND = "SELECT " + COLUMNS + " FROM dqms.appointment a WHERE a.id = :id";

    private static final String COUNT_IN_DEPARTMENT =
            "SELECT count(*) FROM dqms.appointment a WHERE a.department_id = :departmentId";

    private static final String COUNT_WITH_DOCTOR =
            "SELECT count(*) FROM dqms.appointment a WHERE a.doctor_id = :doctorId";

    private static final String LOCK = FIND + " FOR UPDATE";

    private static final String LOCK_BY_LINK =
            "SELECT " + COLUMNS + " FROM dqms.appointment a WHERE a.public_id = :publicId FOR UPDATE";

    private static final String FIND_BY_LINK =
            "SELECT " + COLUMNS + " FROM dqms.appointment a WHERE a.public_id = :publicId";

    // The no-shows before the appointment: neither the row itself nor a later miss counts against it.
    private static final String OF_DAY = """
            SELECT %s,
                   (SELECT count(*) FROM dqms.appointment m
                     WHERE m.phone = a.phone AND m.status = 'NO_SHOW' AND m.starts_at < a.starts_at) AS no_shows
              FROM dqms.appointment a
             WHERE a.department_id = :departmentId AND a.starts_at >= :from AND a.starts_at < :until
               AND (CAST(:doctorId AS bigint) IS NULL OR a.doctor_id = :doctorId)
             ORDER BY a.starts_at, a.id
            """.formatted(COLUMNS);

    // Optimistic: a concurrent change of the same appointment is refused, not lost.
    private static final String UPDATE = """
            UPDATE dqms.appointment
               SET starts_at = :startsAt, ends_at = :endsAt, status = :status, placement = :placement,
                   token_id = :tokenId, version = version + 1
             WHERE id = :id AND version = :version
            """;

    private static final String HISTORY = """
            INSERT INTO dqms.appointment_history (appointment_id, from_status, to_status, from_starts_at,
                                                  to_starts_at, actor, reason, at)
            VALUES (:appointmentId, :fromStatus, :toStatus, :fromStartsAt, :toStartsAt, :actor, :reason, :at)
            """;

    private static final String HISTORY_OF = """
            SELECT h.from_status, h.to_status, h.from_starts_at, h.to_starts_at, h.actor, h.reason, h.at
              FROM dqms.appointment_history h WHERE h.appointment_id = :appointmentId ORDER BY h.id
            """;

    // The sweep: BOOKED appointments whose late window has ended, locked so that a concurrent
    // check-in either wins or waits; another instance's sweep skips them.
    private static final String MISSED = """
            SELECT %s FROM dqms.appointment a
             WHERE a.status = 'BOOKED' AND a.starts_at < :startedBefore
             ORDER BY a.starts_at LIMIT 500
             FOR UPDATE SKIP LOCKED
            """.formatted(COLUMNS);

    private static final String DUE = """
            SELECT a.starts_at FROM dqms.appointment a
             WHERE a.department_id = :departmentId AND a.status = 'BOOKED'
               AND a.starts_at >= :from AND a.starts_at < :until
             ORDER BY a.starts_at
            """;

    private static final String CONTACT_COLUMNS =
            "a.id, a.public_id, a.department_id, a.starts_at, a.phone, a.email, a.notify_channels";

    private static final String REMINDABLE = """
            SELECT %s
              FROM dqms.appointment a
             WHERE a.status = 'BOOKED' AND a.starts_at >= :from AND a.starts_at < :until
               AND cardinality(a.notify_channels) > 0
             ORDER BY a.starts_at
            """.formatted(CONTACT_COLUMNS);

    private static final String CONTACT = "SELECT " + CONTACT_COLUMNS + " FROM dqms.appointment a WHERE a.id = :id";

    /** An appointment's patient as messages reach them, with the channels they chose. */
    record Contact(
            long id,
            UUID publicId,
            long departmentId,
            Instant startsAt,
            String phone,
            String email,
            List<String> channels) {}

    /** Booked appointments whose patients asked for reminders. */
    List<Contact> remindable(Instant from, Instant until) {
        return jdbc.sql(REMINDABLE)
                .param("from", Timestamp.from(from))
                .param("until", Timestamp.from(until))
                .query(AppointmentRepository::contact)
                .list();
    }

    Optional<Contact> contact(long id) {
        return jdbc.sql(CONTACT)
                .param("id", id)
                .query(AppointmentRepository::contact)
                .optional();
    }

    private static Contact contact(ResultSet rows, int n) throws SQLException {
        return new Contact(
                rows.getLong("id"),
                rows.getObject("public_id", UUID.class),
                rows.getLong("department_id"),
                rows.getTimestamp("starts_at").toInstant(),
                rows.getString("phone"),
                rows.getString("email"),
                java.util.Arrays.asList(
                        (String[]) rows.getArray("notify_channels").getArray()));
    }

    /** An appointment of a day, with how many appointments its phone missed before it. */
    record OfDay(Appointment.State appointment, int noShows) {}

    private final JdbcClient jdbc;

    AppointmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes a place in the slot; false if it is full. */
    boolean takePlace(long planId, Instant startsAt, int capacity) {
        return jdbc.sql(TAKE_PLACE)
                .param("planId", planId)
                .param("startsAt", Timestamp.from(startsAt))
                .param("capacity", capacity)
                .query(Integer.class)
                .optional()
                .isPresent();
    }

    void giveBack(long planId, Instant startsAt) {
        jdbc.sql(GIVE_BACK)
                .param("planId", planId)
                .param("startsAt", Timestamp.from(startsAt))
                .update();
    }

    Map<Instant, Integer> booked(long planId, Instant from, Instant until) {
        Map<Instant, Integer> booked = new HashMap<>();
        jdbc.sql(BOOKED_BETWEEN)
                .param("planId", planId)
                .param("from", Timestamp.from(from))
                .param("until", Timestamp.from(until))
                .query((rows, n) -> booked.put(rows.getTimestamp("starts_at").toInstant(), rows.getInt("booked")))
                .list();
        return booked;
    }

    long insert(State a, java.util.Set<org.dqms.queue.NotifyChannel> channels) {
        return jdbc.sql(INSERT)
                .param(
                        "notifyChannels",
                        channels.stream().map(Enum::name).sorted().toArray(String[]::new))
                .param("planId", a.planId())
                .param("departmentId", a.departmentId())
                .param("doctorId", a.doctorId(), Types.BIGINT)
                .param("startsAt", Timestamp.from(a.startsAt()))
                .param("endsAt", Timestamp.from(a.endsAt()))
                .param("patientName", a.patientName())
                .param("phone", a.phone())
                .param("email", a.email(), Types.VARCHAR)
                .param("userId", a.userId(), Types.BIGINT)
                .param("createdAt", Timestamp.from(a.createdAt()))
                .query(Long.class)
                .single();
    }

    long countInDepartment(long departmentId) {
        return jdbc.sql(COUNT_IN_DEPARTMENT)
                .param("departmentId", departmentId)
                .query(Long.class)
                .single();
    }

    long countWithDoctor(long doctorId) {
        return jdbc.sql(COUNT_WITH_DOCTOR)
                .param("doctorId", doctorId)
                .query(Long.class)
                .single();
    }

    Optional<Appointment> find(long id) {
        return jdbc.sql(FIND)
                .param("id", id)
                .query(AppointmentRepository::state)
                .optional()
                .map(Appointment::new);
    }

    Optional<Appointment> lock(long id) {
        return jdbc.sql(LOCK)
                .param("id", id)
                .query(AppointmentRepository::state)
                .optional()
                .map(Appointment::new);
    }

    Optional<Appointment> lockByLink(UUID publicId) {
        return jdbc.sql(LOCK_BY_LINK)
                .param("publicId", publicId)
                .query(AppointmentRepository::state)
                .optional()
                .map(Appointment::new);
    }

    Optional<Appointment> findByLink(UUID publicId) {
        return jdbc.sql(FIND_BY_LINK)
                .param("publicId", publicId)
                .query(AppointmentRepository::state)
                .optional()
                .map(Appointment::new);
    }

    List<OfDay> ofDay(long departmentId, Long doctorId, Instant from, Instant until) {
        return jdbc.sql(OF_DAY)
                .param("departmentId", departmentId)
                .param("doctorId", doctorId, Types.BIGINT)
                .param("from", Timestamp.from(from))
                .param("until", Timestamp.from(until))
                .query((rows, n) -> new OfDay(state(rows, n), rows.getInt("no_shows")))
                .list();
    }

    List<Appointment> lockMissed(Instant startedBefore) {
        return jdbc
                .sql(MISSED)
                .param("startedBefore", Timestamp.from(startedBefore))
                .query(AppointmentRepository::state)
                .list()
                .stream()
                .map(Appointment::new)
                .toList();
    }

    List<Instant> due(long departmentId, Instant from, Instant until) {
        return jdbc.sql(DUE)
                .param("departmentId", departmentId)
                .param("from", Timestamp.from(from))
                .param("until", Timestamp.from(until))
                .query((rows, n) -> rows.getTimestamp("starts_at").toInstant())
                .list();
    }

    /** Stores the appointment's state and its new history lines; false if it changed meanwhile. */
    boolean save(Appointment appointment) {
        State a = appointment.state();
        int updated = jdbc.sql(UPDATE)
                .param("id", a.id())
                .param("version", a.version())
                .param("startsAt", Timestamp.from(a.startsAt()))
                .param("endsAt", Timestamp.from(a.endsAt()))
                .param("status", a.status().name())
                .param("placement", a.placement() == null ? null : a.placement().name(), Types.VARCHAR)
                .param("tokenId", a.tokenId(), Types.BIGINT)
                .update();
        appointment.drainChanges().forEach(change -> history(a.id(), change));
        return updated == 1;
    }

    void history(long appointmentId, Change change) {
        jdbc.sql(HISTORY)
                .param("appointmentId", appointmentId)
                .param(
                        "fromStatus",
                        change.from() == null ? null : change.from().name(),
                        Types.VARCHAR)
                .param("toStatus", change.to().name())
                .param(
                        "fromStartsAt",
                        change.fromStartsAt() == null ? null : Timestamp.from(change.fromStartsAt()),
                        Types.TIMESTAMP)
                .param("toStartsAt", Timestamp.from(change.toStartsAt()))
                .param("actor", change.actor())
                .param("reason", change.reason())
                .param("at", Timestamp.from(change.at()))
                .update();
    }

    List<Change> historyOf(long appointmentId) {
        return jdbc.sql(HISTORY_OF)
                .param("appointmentId", appointmentId)
                .query((rows, n) -> new Change(
                        status(rows.getString("from_status")),
                        AppointmentStatus.valueOf(rows.getString("to_status")),
                        instant(rows, "from_starts_at"),
                        instant(rows, "to_starts_at"),
                        rows.getString("actor"),
                        rows.getString("reason"),
                        instant(rows, "at")))
                .list();
    }

    private static State state(ResultSet rows, int rowNumber) throws SQLException {
        String placement = rows.getString("placement");
        return new State(
                rows.getLong("id"),
                rows.getObject("public_id", UUID.class),
                rows.getLong("plan_id"),
                rows.getLong("department_id"),
                rows.getObject("doctor_id", Long.class),
                instant(rows, "starts_at"),
                instant(rows, "ends_at"),
                rows.getString("patient_name"),
                rows.getString("phone"),
                rows.getString("email"),
                rows.getObject("user_id", Long.class),
                AppointmentStatus.valueOf(rows.getString("status")),
                placement == null ? null : Placement.valueOf(placement),
                rows.getObject("token_id", Long.class),
                instant(rows, "created_at"),
                rows.getInt("version"));
    }

    private static AppointmentStatus status(String value) {
        return value == null ? null : AppointmentStatus.valueOf(value);
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        Timestamp value = rows.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
