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
import org.dqms.department.RecentDepartments;
import org.dqms.doctor.Doctor;
import org.dqms.doctor.DoctorService;
import org.dqms.platform.Actor;
import org.dqms.platform.ConflictException;
import org.dqms.queue.JoinRepository.Issue;
import org.dqms.queue.TokenEvents.TokenJoined;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
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
    private final RecentDepartments recentDepartments;
    private final DoctorService doctors;
    private final JoinRepository joins;
    private final OfferedChannels channels;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;

    JoinService(
            DepartmentService departments,
            RecentDepartments recentDepartments,
            DoctorService doctors,
            JoinRepository joins,
            OfferedChannels channels,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.departments = departments;
        this.recentDepartments = recentDepartments;
        this.doctors = doctors;
        this.joins = joins;
        this.channels = channels;
        this.events = events;
        this.transaction = new TransactionTemplate(transactionManager);
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
     * doctor who does not serve it, a notification channel this deployment does not send on
     * ({@link OfferedChannels}) or a malformed idempotency key, and 409 while the department is
     * closed or has issued its daily capacity; a patient who already holds a token gets it back even
     * then.
     *
     * <p>The token is issued by one statement in a transaction of its own; see {@link
     * JoinRepository#issue}. Where it finds the phone's active token or the key's, the number it took
     * is rolled back and that token is read and returned.
     */
    Joined join(Actor actor, long departmentId, JoinCommand command, Optional<String> idempotencyKey) {
        Department department = recentDepartments.get(departmentId);
        String key = idempotencyKey.map(JoinService::checkedKey).orElse(null);
        if (key != null) {
            Optional<Token> replayed = joins.findByIdempotencyKey(departmentId, key);
            if (replayed.isPresent()) {
                return new Joined(replayed.get(), false);
            }
        }
        requireServingDoctor(department, command.preferredDoctorId());
        channels.require(command.notifications());
        Instant now = clock.instant();
        if (!department.isOpen(now)) {
            return held(departmentId, command.phone(), key).orElseThrow(() -> closed(department, now));
        }
        LocalDate serviceDate = department.today(now);
        for (int attempt = 1; ; attempt++) {
            Issue issue = issue(actor, department, command, key, now, serviceDate);
            if (issue.issued()) {
                return new Joined(issue.token(), true);
            }
            Optional<Joined> held = held(departmentId, command.phone(), key);
            if (held.isPresent()) {
                return held.get();
            }
            if (!issue.numbered()) {
                throw full(department, serviceDate);
            }
            if (attempt == 2) {
                // The token in the way ended between the insert and the read, twice in a row.
                throw new ConflictException(
                        "Join not possible",
                        "The phone's token in " + department.name() + " changed while joining; try again.",
                        Map.of("reason", "busy"));
            }
        }
    }

    /**
     * Issues the token in a transaction of its own, which rolls back when no token was issued. A
     * department deleted on another instance a moment ago, whose recent read this join used, is a 404.
     */
    private Issue issue(
            Actor actor, Department department, JoinCommand command, String key, Instant now, LocalDate serviceDate) {
        try {
            return transaction.execute(status -> {
                holdPreferredDoctor(department, command.preferredDoctorId());
                Issue issue = joins.issue(
                        department.id(), serviceDate, department.dailyCapacity(), command, key, actor.label(), now);
                if (issue.issued()) {
                    events.publishEvent(new TokenJoined(
                            issue.token().id(), department.id(), issue.token().joinedAt(), actor.label()));
                } else {
                    // Gives the number back: numbers stay gapless.
                    status.setRollbackOnly();
                }
                return issue;
            });
        } catch (DataIntegrityViolationException e) {
            departments.get(department.id());
            throw e;
        }
    }

    /** The token the phone holds in the department, or the one issued with the key. */
    private Optional<Joined> held(long departmentId, PhoneNumber phone, String key) {
        return existing(departmentId, phone, key).map(token -> new Joined(token, false));
    }

    /** The token issued with the key, or else the phone's active token in the department. */
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
            throw notServing(department, doctorId);
        }
    }

    /**
     * In the join's transaction: the preferred doctor still serves the department, and goes on doing
     * so until the token is stored, so it never waits for a doctor just moved elsewhere.
     */
    private void holdPreferredDoctor(Department department, Long doctorId) {
        if (doctorId != null && !doctors.holdsServing(doctorId, department.id())) {
            throw notServing(department, doctorId);
        }
    }

    private static IllegalArgumentException notServing(Department department, long doctorId) {
        return new IllegalArgumentException(
                "preferredDoctorId: doctor " + doctorId + " does not see patients in " + department.name());
    }

    private static ConflictException closed(Department department, Instant now) {
        Optional<ZonedDateTime> opens = department.hours().nextOpening(now, department.timeZone());
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("reason", "closed");
        opens.ifPresent(at -> properties.put("opensAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at)));
        String detail = department.name() + " is closed"
                + opens.map(at -> " and opens at " + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at))
                        .orElse(" and has no opening hours ahead")
                + ".";
        return new ConflictException("Department closed", detail, properties);
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
