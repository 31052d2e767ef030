package org.dqms.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.dqms.department.Department;
import org.dqms.department.OpeningTime;
import org.dqms.department.WeeklyHours;
import org.dqms.doctor.Doctor;
import org.dqms.platform.Actor;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * A department open until midnight and again from midnight has not closed: the patients waiting at
 * midnight keep their places into the next day, and expire only when the department really closes.
 * Times are in Kolkata (UTC+5:30); Tuesday 15 January 2030 is the first day.
 */
@IntegrationTest
@Import(QueueTestData.Configuration.class)
class OvernightQueueTest {

    private static final Instant TUESDAY_2350 = Instant.parse("2030-01-15T18:20:00Z");
    private static final Instant TUESDAY_235959 = Instant.parse("2030-01-15T18:29:59Z");
    private static final Instant MIDNIGHT = Instant.parse("2030-01-15T18:30:00Z"); // Wednesday 00:00
    private static final Instant WEDNESDAY_0005 = Instant.parse("2030-01-15T18:35:00Z");
    private static final Instant WEDNESDAY_0150 = Instant.parse("2030-01-15T20:20:00Z");
    private static final Instant WEDNESDAY_0159 = Instant.parse("2030-01-15T20:29:00Z");
    private static final Instant WEDNESDAY_0201 = Instant.parse("2030-01-15T20:31:00Z");
    private static final Instant WEDNESDAY_0559 = Instant.parse("2030-01-16T00:29:00Z");
    private static final Instant WEDNESDAY_0600 = Instant.parse("2030-01-16T00:30:00Z");
    private static final Instant WEDNESDAY_0805 = Instant.parse("2030-01-16T02:35:00Z");
    private static final Instant THURSDAY_0001 = Instant.parse("2030-01-16T18:31:00Z");
    private static final Instant THURSDAY_0201 = Instant.parse("2030-01-16T20:31:00Z");

    @Autowired
    QueueTestData data;

    @Autowired
    ClosingTimeExpiry expiry;

    @Autowired
    CallService calls;

    @AfterEach
    void resetClock() {
        data.clock().reset();
    }

    @Test
    void aDepartmentOpenAroundTheClockKeepsItsQueueOverMidnight() {
        Department department = data.department().openDaily("00:00", "23:59").create();
        Doctor doctor = data.doctor(department);
        Token lateEvening = joinAt(department, TUESDAY_2350);

        assertThat(expiry.expireClosed(department, MIDNIGHT)).isZero();
        assertThat(expiry.expireClosed(department, THURSDAY_0001)).isZero();
        assertThat(data.reload(lateEvening).status()).isEqualTo(TokenStatus.WAITING);

        // After midnight the patient of the evening is still first in the queue, before the new day's.
        Token afterMidnight = joinAt(department, WEDNESDAY_0005);
        data.clock().set(WEDNESDAY_0005);
        Token called = calls.callNext(Actor.staff("doctor"), doctor.id()).orElseThrow();
        assertThat(called.id()).isEqualTo(lateEvening.id());
        assertThat(data.reload(afterMidnight).status()).isEqualTo(TokenStatus.WAITING);
    }

    @Test
    void aDepartmentOpenUntilMidnightAndClosedTheNextDayExpiresItsQueueAtMidnight() {
        Department department = data.department()
                .hours(WeeklyHours.weekly(List.of(DayOfWeek.TUESDAY), List.of(OpeningTime.of("08:00", "23:59"))))
                .create();
        Token token = joinAt(department, TUESDAY_2350);

        assertThat(expiry.expireClosed(department, TUESDAY_235959)).isZero();
        assertThat(expiry.expireClosed(department, MIDNIGHT)).isEqualTo(1);
        assertThat(data.reload(token).status()).isEqualTo(TokenStatus.EXPIRED);
    }

    @Test
    void aNightSessionKeepsItsQueueUntilTheMorningsClosingTime() {
        Department department = data.department()
                .hours(new WeeklyHours(
                        Map.of(
                                DayOfWeek.TUESDAY, List.of(OpeningTime.of("20:00", "23:59")),
                                DayOfWeek.WEDNESDAY, List.of(OpeningTime.of("00:00", "06:00"))),
                        Map.of()))
                .create();
        Token token = joinAt(department, TUESDAY_2350);

        assertThat(expiry.expireClosed(department, WEDNESDAY_0005)).isZero();
        assertThat(expiry.expireClosed(department, WEDNESDAY_0559)).isZero();
        assertThat(data.reload(token).status()).isEqualTo(TokenStatus.WAITING);

        assertThat(expiry.expireClosed(department, WEDNESDAY_0600)).isEqualTo(1);
        assertThat(data.reload(token).status()).isEqualTo(TokenStatus.EXPIRED);
    }

    @Test
    void aClosedDateEndsANightAtMidnight() {
        WeeklyHours aroundTheClock =
                WeeklyHours.weekly(List.of(DayOfWeek.values()), List.of(OpeningTime.of("00:00", "23:59")));
        Department department = data.department()
                .hours(aroundTheClock.closedOn(LocalDate.parse("2030-01-16"), "Fire drill"))
                .create();
        Token token = joinAt(department, TUESDAY_2350);

        assertThat(expiry.expireClosed(department, MIDNIGHT)).isEqualTo(1);
        assertThat(data.reload(token).status()).isEqualTo(TokenStatus.EXPIRED);
    }

    @Test
    void tokensLeftOverFromADayThatClosedStillExpireWhileTheDepartmentIsOpenOvernight() {
        Department department = data.department()
                .hours(new WeeklyHours(
                        Map.of(
                                DayOfWeek.TUESDAY, List.of(OpeningTime.of("08:00", "17:00")),
                                DayOfWeek.WEDNESDAY, List.of(OpeningTime.of("00:00", "23:59")),
                                DayOfWeek.THURSDAY, List.of(OpeningTime.of("00:00", "23:59"))),
                        Map.of()))
                .create();
        Token tuesdayMorning = joinAt(department, QueueTestData.START);
        Token wednesdayNight = joinAt(department, Instant.parse("2030-01-16T18:20:00Z"));

        // The server was down at 17:00 on Tuesday; the next run is just after midnight on Thursday.
        assertThat(expiry.expireClosed(department, THURSDAY_0001)).isEqualTo(1);

        assertThat(data.reload(tuesdayMorning).status()).isEqualTo(TokenStatus.EXPIRED);
        assertThat(data.reload(wednesdayNight).status()).isEqualTo(TokenStatus.WAITING);
    }

    /**
     * Open 08:00 to 02:00 every day, entered as 00:00-02:00 and 08:00-23:59: each day's last
     * interval runs into the next day's first, yet the department closes every night at 02:00.
     */
    @Test
    void aDepartmentOpenUntilTwoAtNightClosesAtTwoEveryNight() {
        Department department = data.department()
                .hours(WeeklyHours.weekly(
                        List.of(DayOfWeek.values()),
                        List.of(OpeningTime.of("00:00", "02:00"), OpeningTime.of("08:00", "23:59"))))
                .create();
        Token lateEvening = joinAt(department, TUESDAY_2350);
        Token afterMidnight = joinAt(department, WEDNESDAY_0150);

        assertThat(expiry.expireClosed(department, WEDNESDAY_0159)).isZero();
        assertThat(expiry.expireClosed(department, WEDNESDAY_0201)).isEqualTo(2);
        assertThat(data.reload(lateEvening).status()).isEqualTo(TokenStatus.EXPIRED);
        assertThat(data.reload(afterMidnight).status()).isEqualTo(TokenStatus.EXPIRED);

        // The morning's patients wait through the day and past midnight, until 02:00 on Thursday.
        Token morning = joinAt(department, WEDNESDAY_0805);
        assertThat(expiry.expireClosed(department, THURSDAY_0001)).isZero();
        assertThat(data.reload(morning).status()).isEqualTo(TokenStatus.WAITING);
        assertThat(expiry.expireClosed(department, THURSDAY_0201)).isEqualTo(1);
    }

    /** A night session every night, 20:00 to 06:00: it closes at 06:00 each morning. */
    @Test
    void aNightSessionEveryNightClosesEveryMorning() {
        Department department = data.department()
                .hours(WeeklyHours.weekly(
                        List.of(DayOfWeek.values()),
                        List.of(OpeningTime.of("00:00", "06:00"), OpeningTime.of("20:00", "23:59"))))
                .create();
        Token token = joinAt(department, TUESDAY_2350);

        assertThat(expiry.expireClosed(department, WEDNESDAY_0559)).isZero();
        assertThat(expiry.expireClosed(department, WEDNESDAY_0600)).isEqualTo(1);
        assertThat(data.reload(token).status()).isEqualTo(TokenStatus.EXPIRED);
    }

    private Token joinAt(Department department, Instant at) {
        data.clock().set(at);
        Token token = data.join(department);
        data.clock().reset();
        return token;
    }
}
