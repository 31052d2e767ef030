package org.dqms.queue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
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
 * ({@code DQMS_QUEUE_EXPIRE_AT_CLOSE}). They stay in the database with their history; nothing is
 * deleted. A department open until midnight and again from midnight (around the clock, or through a
 * night) has not closed, and its waiting patients keep their places into the next day (ADR 23).
 * Runs every minute on every instance; the row locks share the work between instances.
 */
@Component
@ServerOnly
class ClosingTimeExpiry {

    private static final Logger log = LoggerFactory.getLogger(ClosingTimeExpiry.class);

    /** How far back a department open across midnight is followed to the day it last closed. */
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
        Optional<LocalDate> through = lastClosedDay(department, now);
        if (through.isEmpty()) {
            return 0;
        }
        Integer expired = transaction.execute(status -> expire(department.id(), through.get(), now));
        return expired == null ? 0 : expired;
    }

    private int expire(long departmentId, LocalDate through, Instant now) {
        List<Token> waiting = expiries.claimWaiting(departmentId, through);
        for (Token token : waiting) {
            token.expire(now);
            tokens.save(token);
            token.drainEvents().forEach(events::publishEvent);
        }
        return waiting.size();
    }

    /**
     * The last day whose waiting tokens are due to expire: today once the day's last opening interval
     * has ended, yesterday before that. A day whose last interval runs into the next day's first, at
     * midnight, did not close; the day before it is looked at instead, a week back at most. Empty if
     * the department has been open without a break all that time.
     */
    private static Optional<LocalDate> lastClosedDay(Department department, Instant now) {
        LocalDate today = department.today(now);
        Optional<Instant> todaysClosing = lastClosing(department, today);
        LocalDate day = todaysClosing.isPresent() && !now.isBefore(todaysClosing.get()) ? today : today.minusDays(1);
        for (int back = 0; back < DAYS_BACK; back++, day = day.minusDays(1)) {
            Optional<Instant> closing = lastClosing(department, day);
            if (closing.isEmpty() || !department.isOpen(closing.get())) {
                return Optional.of(day);
            }
        }
        return Optional.empty();
    }

    private static Optional<Instant> lastClosing(Department department, LocalDate day) {
        List<Instant> closings = department.hours().closingTimesOn(day, department.timeZone());
        return closings.isEmpty() ? Optional.empty() : Optional.of(closings.get(closings.size() - 1));
    }

    /** Turns on {@code @Scheduled} methods, in the server only. */
    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @ServerOnly
    static class Scheduling {}
}
