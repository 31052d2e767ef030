package org.dqms.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dqms.department.Department;
import org.dqms.platform.ConflictException;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/** 20 patients book one slot of capacity 3 at the same moment: exactly 3 get it. */
@IntegrationTest
@Import(AppointmentTestData.Configuration.class)
class ConcurrentBookingTest {

    @Autowired
    AppointmentTestData data;

    @Autowired
    BookingService bookings;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        data.clock.reset();
    }

    @Test
    void twentyConcurrentBookingsOfACapacityThreeSlotGiveExactlyThree() throws Exception {
        Department department = data.department(AppointmentTestData.KOLKATA, "09:00", "17:00");
        BookingPlan plan = data.plan(department, 15, 3, 0);
        Instant slot = AppointmentTestData.at(AppointmentTestData.startDate(), "15:00", AppointmentTestData.KOLKATA);

        ExecutorService threads = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            BookingService.Booking patient = data.patient();
            outcomes.add(threads.submit(() -> {
                go.await();
                try {
                    bookings.book(AppointmentTestData.ADMIN, plan.id(), slot, patient);
                    return "booked";
                } catch (ConflictException e) {
                    return String.valueOf(e.properties().get("reason"));
                }
            }));
        }
        go.countDown();
        List<String> results = new ArrayList<>();
        for (Future<String> outcome : outcomes) {
            results.add(outcome.get());
        }
        threads.shutdown();

        assertThat(results).filteredOn("booked"::equals).hasSize(3);
        assertThat(results).filteredOn("slot-full"::equals).hasSize(17);
        assertThat(jdbc.sql("SELECT booked FROM dqms.appointment_slot WHERE plan_id = :plan")
                        .param("plan", plan.id())
                        .query(Integer.class)
                        .single())
                .isEqualTo(3);
        assertThat(jdbc.sql("SELECT count(*) FROM dqms.appointment WHERE plan_id = :plan AND status = 'BOOKED'")
                        .param("plan", plan.id())
                        .query(Integer.class)
                        .single())
                .isEqualTo(3);
    }
}
