package org.dqms.queue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.dqms.department.Department;
import org.dqms.department.DepartmentService;
import org.dqms.doctor.Doctor;
import org.dqms.doctor.DoctorService;
import org.dqms.platform.Actor;
import org.dqms.platform.ConflictException;
import org.dqms.queue.TokenEvents.TokenJoined;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Patients join a department's queue. A join either issues a new token with the next number of
 * the day, or returns the token the patient already holds: the one of an earlier request with the
 * same idempotency key, or the phone's active token in that department.
 */
@Service
class JoinService {

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

    private final DepartmentService departments;
    private final DoctorService doctors;
    private final TokenCounterRepository counters;
    private final JoinRepository joins;
    private final TokenRepository tokens;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate savepoint;
    private final Clock clock;

    JoinService(
            DepartmentService departments,
            DoctorService doctors,
            TokenCounterRepository counters,
            JoinRepository joins,
            TokenRepository tokens,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.departments = departments;
        this.doctors = doctors;
        this.counters = counters;
        this.joins = joins;
        this.tokens = tokens;
        this.events = events;
        this.savepoint = new TransactionTemplate(transactionManager);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.clock = clock;
    }

    /**
     * The result of a join.
     *
     * @param created true if this join issued the token, false if it returned one issued before
     */
    record Joined(Token token, boolean created) {}

    /**
     * Joins the department's queue. Refused with 404 for an unknown department, 400 for a preferred
     * doctor who does not serve it or a malformed idempotency key, and 409 while the department is
     * closed or has issued its daily capacity.
     */
    @Transactional
    Joined join(Actor actor, long departmentId, JoinCommand command, Optional<String> idempotencyKey) {
        Department department = departments.get(departmentId);
        String key = idempotencyKey.map(JoinService::checkedKey).orElse(null);
        if (key != null) {
            Optional<Token> replayed = joins.findByIdempotencyKey(departmentId, key);
            if (replayed.isPresent()) {
                return new Joined(replayed.get(), false);
            }
        }
        requireServingDoctor(department, command.preferredDoctorId());
        Optional<Token> held = joins.findActiveByPhone(departmentId, command.phone());
        if (held.isPresent()) {
            return new Joined(held.get(), false);
        }
        Instant now = clock.instant();
        requireOpen(department, now);
        long id;
        try {
            // The savepoint lets a join that lost a race give its number back and still read the
            // winner's token in this transaction.
            id = savepoint.execute(status -> issue(actor, department, command, key, now));
        } catch (DuplicateKeyException e) {
            return new Joined(existing(departmentId, command.phone(), key).orElseThrow(() -> e), false);
        }
        events.publishEvent(new TokenJoined(id, departmentId, now, actor.label()));
        return new Joined(tokens.find(id).orElseThrow(), true);
    }

    private long issue(Actor actor, Department department, JoinCommand command, String key, Instant now) {
        LocalDate serviceDate = department.today(now);
        int number = counters.next(department.id(), serviceDate, department.dailyCapacity())
                .orElseThrow(() -> full(department, serviceDate));
        long id = joins.insert(department.id(), serviceDate, number, command, key, now);
        tokens.appendHistory(
                id,
                new TokenTransition(null, TokenStatus.WAITING, actor.label(), "joined via " + command.channel(), now));
        return id;
    }

    /** The token a concurrent join with the same key or phone committed first. */
    private Optional<Token> existing(long departmentId, PhoneNumber phone, String key) {
        Optional<Token> replayed = key == null ? Optional.empty() : joins.findByIdempotencyKey(departmentId, key);
        return replayed.or(() -> joins.findActiveByPhone(departmentId, phone));
    }

    private void requireServingDoctor(Department department, Long doctorId) {
        if (doctorId == null) {
            return;
        }
        Doctor doctor = doctors.find(doctorId)
                .orElseThrow(() ->
                        new IllegalArgumentException("preferredDoctorId: doctor " + doctorId + " does not exist"));
        if (!doctor.serves(department.id())) {
            throw new IllegalArgumentException(
                    "preferredDoctorId: doctor " + doctorId + " does not see patients in " + department.name());
        }
    }

    private static void requireOpen(Department department, Instant now) {
        if (department.isOpen(now)) {
            return;
        }
        Optional<ZonedDateTime> opens = department.hours().nextOpening(now, department.timeZone());
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("reason", "closed");
        opens.ifPresent(at -> properties.put("opensAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at)));
        String detail = department.name() + " is closed"
                + opens.map(at -> " and opens at " + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at))
                        .orElse(" and has no opening hours ahead")
                + ".";
        throw new ConflictException("Department closed", detail, properties);
    }

    private static ConflictException full(Department department, LocalDate serviceDate) {
        return new ConflictException(
                "Department full",
                department.name() + " has issued all " + department.dailyCapacity() + " tokens for " + serviceDate
                        + ".",
                Map.of(
                        "reason",
                        "full",
                        "capacity",
                        department.dailyCapacity(),
                        "serviceDate",
                        serviceDate.toString()));
    }

    private static String checkedKey(String key) {
        if (!IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException(
                    "Idempotency-Key must be 1 to 200 visible ASCII characters, e.g. a UUID");
        }
        return key;
    }
}
