package org.dqms.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.dqms.appointment.AppointmentEvents.AppointmentMissed;
import org.dqms.department.Department;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two instances' no-show sweeps at the same moment, on the real database. The first is held after
 * marking its first appointment, inside its transaction, while the second runs the scheduled sweep
 * to the end: the second must pass over every appointment the first holds, and each missed
 * appointment is marked once, with one history line and one event.
 */
@IntegrationTest
@Import({AppointmentTestData.Configuration.class, ConcurrentNoShowSweepsTest.HeldSweep.class})
class ConcurrentNoShowSweepsTest {

    private static final LocalDate TODAY = AppointmentTestData.startDate();

    @Autowired
    AppointmentTestData data;

    @Autowired
    BookingService bookings;

    @Autowired
    AppointmentNoShowSweep sweep;

    @Autowired
    AppointmentSettings settings;

    @Autowired
    HeldSweep held;

    @Autowired
    JdbcClient jdbc;

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        held.release.countDown();
        threads.shutdownNow();
        data.clock.reset();
    }

    @Test
    void aSweepPassesOverWhatAnotherSweepHoldsAndEachAppointmentIsMissedOnce() throws Exception {
        Department department = data.department(AppointmentTestData.KOLKATA, "09:00", "18:00");
        BookingPlan plan = data.plan(department, 15, 2, 0);
        List<Long> missed = List.of(data.book(plan, TODAY, "12:15"), data.book(plan, TODAY, "12:30"));
        data.clock.set(AppointmentTestData.at(TODAY, "12:30", AppointmentTestData.KOLKATA)
                .plus(settings.lateWindow())
                .plusSeconds(1));

        held.armed.set(true);
        Future<?> first = threads.submit(() -> sweep.sweep());
        assertThat(held.holding.await(10, TimeUnit.SECONDS))
                .as("the first sweep marked one")
                .isTrue();

        Future<?> second = threads.submit(() -> sweep.sweep());
        second.get(10, TimeUnit.SECONDS);
        assertThat(held.missed).as("events while the first sweep is held").hasSize(1);

        held.release.countDown();
        first.get(10, TimeUnit.SECONDS);

        for (long id : missed) {
            assertThat(bookings.find(id).state().status()).isEqualTo(AppointmentStatus.NO_SHOW);
            assertThat(jdbc.sql("SELECT count(*) FROM dqms.appointment_history"
                                    + " WHERE appointment_id = :id AND to_status = 'NO_SHOW'")
                            .param("id", id)
                            .query(Integer.class)
                            .single())
                    .as("NO_SHOW lines of appointment " + id)
                    .isEqualTo(1);
            assertThat(held.missed.get(id)).as("events of appointment " + id).hasValue(1);
        }
    }

    /** Holds the first sweep, once armed, inside its transaction after its first missed appointment. */
    @TestConfiguration(proxyBeanMethods = false)
    static class HeldSweep {

        final AtomicBoolean armed = new AtomicBoolean();
        final CountDownLatch holding = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final Map<Long, AtomicInteger> missed = new ConcurrentHashMap<>();

        @EventListener
        void on(AppointmentMissed event) throws InterruptedException {
            missed.computeIfAbsent(event.appointmentId(), id -> new AtomicInteger())
                    .incrementAndGet();
            if (armed.compareAndSet(true, false)) {
                holding.countDown();
                release.await(10, TimeUnit.SECONDS);
            }
        }
    }
}
