package org.dqms.queue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dqms.department.Department;
import org.dqms.department.DepartmentService;
import org.dqms.platform.ServerOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tokens still WAITING when their department has closed for the day become EXPIRED
 * ({@code DQMS_QUEUE_EXPIRE_AT_CLOSE}): every patient who joined before its latest closing. They stay in the database with their history; nothing is
 * deleted. A department open until midnight and again from midnight (around the clock, or through a
 * night) has not closed, and its waiting patients keep their places into the next day (ADR 23).
 * Runs every minute on every instance; the row locks share the work between instances.
 */
@Component
@ServerOnly
class ClosingTimeExpiry {

    private static final Logger log = LoggerFactory.getLogger(ClosingTimeExpiry.class);

    /** How far back a department open across midnight is followed to its last closing. */
    private static final int DAYS_BACK = 7;

    private final DepartmentService departments;
    private final ExpiryRepository expiries;
    private final TokenRepository tokens;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final QueueSettings settings;
    private final Clock clock;

    ClosingTimeExpiry(
            DepartmentService departments,
            ExpiryRepository expiries,
            TokenRepository tokens,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactionManager,
            QueueSettings settings,
            Clock clock) {
        this.departments = departments;
        this.expiries = expiries;
        this.tokens = tokens;
        this.events = events;
        this.transaction = new TransactionTemplate(transactionManager);
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(cron = "0 * * * * *")
    void run() {
        int expired = expireClosed(clock.instant());
        if (expired > 0) {
            log.info("{} waiting tokens expired at closing time", expired);
        }
    }

    /**
     * Expires the WAITING tokens of every department that has closed for the day by {@code now},
     * and those of earlier days that are left over (the server was down at closing time, say).
     * Each department is one transaction, so one that fails does not hold up the others. Returns how
     * many tokens expired.
     */
    int expireClosed(Instant now) {
        int expired = 0;
        for (Department department : departments.all()) {
            try {
                expired += expireClosed(department, now);
            } catch (RuntimeException e) {
                log.error("Expiry of department {} failed; next run retries", department.id(), e);
            }
        }
        return expired;
    }

    /** The same for one department, in one transaction. */
    int expireClosed(Department department, Instant now) {
        if (!settings.expireAtClose()) {
            return 0;
        }
        Optional<Instant> closed = lastClosing(department, now);
        if (closed.isEmpty()) {
            return 0;
        }
        Integer expired = transaction.execute(status -> expire(department.id(), closed.get(), now));
        return expired == null ? 0 : expired;
    }

    private int expire(long departmentId, Instant joinedBefore, Instant now) {
        List<Token> waiting = expiries.claimWaiting(departmentId, joinedBefore);
        for (Token token : waiting) {
            token.expire(now);
            tokens.save(token);
            token.drainEvents().forEach(events::publishEvent);
        }
        return waiting.size();
    }

    /**
     * The department's latest closing at or before {@code now}, a week back at most: the patients
     * who joined before it are due to expire. Empty if it has been open without a closing all that
     * time.
     */
    private static Optional<Instant> lastClosing(Department department, Instant now) {
        LocalDate today = department.today(now);
        for (int back = 0; back <= DAYS_BACK; back++) {
            Optional<Instant> latest = closingsOf(department, today.minusDays(back)).stream()
                    .filter(closing -> !closing.isAfter(now))
                    .max(Instant::compareTo);
            if (latest.isPresent()) {
                return latest;
            }
        }
        return Optional.empty();
    }

    /**
     * The closings of a day: the end of its last opening interval, and, on a day the department
     * entered open from the day before, the end of that run, its first interval. Each counts only if
     * the department is closed after it. A break within the day is no closing; nor is midnight when
     * the next day's first interval goes on from there (ADR 23). So "08:00-02:00", entered as
     * 00:00-02:00 and 08:00-23:59, closes at 02:00 every day, and "20:00-06:00" at 06:00.
     */
    private static List<Instant> closingsOf(Department department, LocalDate day) {
        List<Instant> ends = department.hours().closingTimesOn(day, department.timeZone());
        if (ends.isEmpty()) {
            return closedDateClosing(department, day);
        }
        Instant dayStart = day.atStartOfDay(department.timeZone()).toInstant();
        List<Instant> closings = new ArrayList<>(2);
        if (department.isOpen(dayStart) && !department.isOpen(ends.get(0))) {
            closings.add(ends.get(0));
        }
        Instant last = ends.get(ends.size() - 1);
        if (!department.isOpen(last) && !closings.contains(last)) {
            closings.add(last);
        }
        return closings;
    }

    /**
     * A date closed while patients waited for it (closed on the day, an emergency) has its usual last
     * closing: they can still be seen until then, and do not wait on into the next day.
     */
    private static List<Instant> closedDateClosing(Department department, LocalDate day) {
        if (!department.hours().closedDates().containsKey(day)) {
            return List.of();
        }
        return department.hours().weeklyClosingTimesOn(day, department.timeZone()).stream()
                .filter(end -> !department.isOpen(end))
                .max(Instant::compareTo)
                .map(List::of)
                .orElse(List.of());
    }

    /** Turns on {@code @Scheduled} methods, in the server only. */
    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @ServerOnly
    static class Scheduling {}
}
