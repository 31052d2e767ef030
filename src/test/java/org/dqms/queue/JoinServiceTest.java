package org.dqms.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.dqms.department.Department;
import org.dqms.department.RecentDepartments;
import org.dqms.doctor.Doctor;
import org.dqms.platform.Actor;
import org.dqms.platform.ConflictException;
import org.dqms.platform.NotFoundException;
import org.dqms.queue.JoinService.Joined;
import org.dqms.queue.TokenEvents.TokenJoined;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/** Joining a queue, on the real database: numbers, duplicates, retries, hours and capacity. */
@IntegrationTest
@Import(QueueTestData.Configuration.class)
@RecordApplicationEvents
class JoinServiceTest {

    private static final Actor PATIENT = Actor.patient("anonymous");

    @Autowired
    QueueTestData data;

    @Autowired
    JoinService joins;

    @Autowired
    TokenRepository tokens;

    @Autowired
    TokenCounterRepository counters;

    @Autowired
    ApplicationEvents events;

    @Autowired
    RecentDepartments recentDepartments;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        data.clock().reset();
    }

    @Test
    void joinIssuesAWaitingTokenWithTheFirstNumberOfTheDay() {
        Department department = data.department().create();
        JoinCommand patient = data.patient();

        Joined joined = joins.join(PATIENT, department.id(), patient, Optional.empty());

        Token token = joined.token();
        assertThat(joined.created()).isTrue();
        assertThat(token.status()).isEqualTo(TokenStatus.WAITING);
        assertThat(token.number().display()).isEqualTo(department.prefix().value() + "-001");
        assertThat(token.serviceDate()).isEqualTo(LocalDate.of(2030, 1, 15));
        assertThat(token.joinedAt()).isEqualTo(QueueTestData.START);
        assertThat(token.patient().phone()).isEqualTo(patient.phone());
        assertThat(token.channel()).isEqualTo(Channel.WEB);
        assertThat(token.priority()).isEqualTo(Priority.NORMAL);
        assertThat(tokens.history(token.id()))
                .containsExactly(new TokenTransition(
                        null, TokenStatus.WAITING, "patient:anonymous", "joined via WEB", QueueTestData.START));
        assertThat(events.stream(TokenJoined.class))
                .containsExactly(
                        new TokenJoined(token.id(), department.id(), QueueTestData.START, "patient:anonymous"));
    }

    @Test
    void numbersFollowEachOtherWithinTheDay() {
        Department department = data.department().create();

        assertThat(data.join(department).number().number()).isEqualTo(1);
        assertThat(data.join(department).number().number()).isEqualTo(2);
        assertThat(data.join(department).number().number()).isEqualTo(3);
        assertThat(counters.issued(department.id(), LocalDate.of(2030, 1, 15))).isEqualTo(3);
    }

    @Test
    void eachDepartmentCountsOnItsOwn() {
        Department first = data.department().create();
        Department second = data.department().create();

        data.join(first);
        data.join(first);

        assertThat(data.join(second).number().number()).isEqualTo(1);
    }

    @Test
    void aPhoneWithAnActiveTokenGetsThatTokenBack() {
        Department department = data.department().create();
        JoinCommand patient = data.patient();
        Token first = data.join(department, patient);
        events.clear();

        Joined again = joins.join(PATIENT, department.id(), patient, Optional.empty());

        assertThat(again.created()).isFalse();
        assertThat(again.token().id()).isEqualTo(first.id());
        assertThat(events.stream(TokenJoined.class)).isEmpty();
        assertThat(data.join(department).number().number())
                .as("the returned token took no number")
                .isEqualTo(2);
    }

    @Test
    void aPhoneWhoseTokenEndedMayJoinAgain() {
        Department department = data.department().create();
        JoinCommand patient = data.patient();
        Token first = data.join(department, patient);
        data.cancel(first);

        Joined again = joins.join(PATIENT, department.id(), patient, Optional.empty());

        assertThat(again.created()).isTrue();
        assertThat(again.token().number().number()).isEqualTo(2);
    }

    @Test
    void aPhoneMayHoldTokensInDifferentDepartments() {
        Department first = data.department().create();
        Department second = data.department().create();
        JoinCommand patient = data.patient();

        Token a = data.join(first, patient);
        Token b = data.join(second, patient);

        assertThat(a.id()).isNotEqualTo(b.id());
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReturnsTheSameToken() {
        Department department = data.department().create();
        Joined first = joins.join(PATIENT, department.id(), data.patient(), Optional.of("retry-1"));

        // Even with another phone: the key says it is the same request.
        Joined retry = joins.join(PATIENT, department.id(), data.patient(), Optional.of("retry-1"));

        assertThat(first.created()).isTrue();
        assertThat(retry.created()).isFalse();
        assertThat(retry.token().id()).isEqualTo(first.token().id());
        assertThat(counters.issued(department.id(), LocalDate.of(2030, 1, 15))).isEqualTo(1);
    }

    @Test
    void aRetryIsAnsweredEvenAfterTheDepartmentClosed() {
        Department department = data.department().openDaily("08:00", "12:00").create();
        Joined first = joins.join(PATIENT, department.id(), data.patient(), Optional.of("late-retry"));
        data.clock().advance(Duration.ofHours(3));

        Joined retry = joins.join(PATIENT, department.id(), data.patient(), Optional.of("late-retry"));

        assertThat(retry.token().id()).isEqualTo(first.token().id());
    }

    @Test
    void aPhoneWithAnActiveTokenGetsItBackAfterTheDepartmentClosed() {
        Department department = data.department().openDaily("08:00", "12:00").create();
        JoinCommand patient = data.patient();
        Token first = data.join(department, patient);
        data.clock().advance(Duration.ofHours(3));

        Joined again = joins.join(PATIENT, department.id(), patient, Optional.empty());

        assertThat(again.created()).isFalse();
        assertThat(again.token().id()).isEqualTo(first.id());
        assertThatThrownBy(() -> data.join(department))
                .as("a new patient is refused")
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void aPhoneWithAnActiveTokenGetsItBackFromAFullDepartment() {
        Department department = data.department().capacity(1).create();
        JoinCommand patient = data.patient();
        Token first = data.join(department, patient);

        Joined again = joins.join(PATIENT, department.id(), patient, Optional.empty());

        assertThat(again.created()).isFalse();
        assertThat(again.token().id()).isEqualTo(first.id());
        assertThat(counters.issued(department.id(), LocalDate.of(2030, 1, 15))).isEqualTo(1);
    }

    @Test
    void idempotencyKeysBelongToOneDepartment() {
        Department first = data.department().create();
        Department second = data.department().create();

        Token a = joins.join(PATIENT, first.id(), data.patient(), Optional.of("same-key"))
                .token();
        Token b = joins.join(PATIENT, second.id(), data.patient(), Optional.of("same-key"))
                .token();

        assertThat(a.id()).isNotEqualTo(b.id());
    }

    @Test
    void aMalformedIdempotencyKeyIsRefused() {
        Department department = data.department().create();

        assertThatThrownBy(() -> joins.join(PATIENT, department.id(), data.patient(), Optional.of("has space")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Idempotency-Key");
        assertThatThrownBy(() -> joins.join(PATIENT, department.id(), data.patient(), Optional.of("k".repeat(201))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnknownDepartmentIsNotFound() {
        assertThatThrownBy(() -> joins.join(PATIENT, 987_654_321L, data.patient(), Optional.empty()))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("Department 987654321 does not exist");
    }

    @Test
    void aDepartmentDeletedOnAnotherInstanceAMomentAgoIsNotFound() {
        Department department = data.department().create();
        recentDepartments.get(department.id());
        // Deleted behind this instance's back, as another instance would.
        jdbc.sql("DELETE FROM dqms.department WHERE id = :id")
                .param("id", department.id())
                .update();

        assertThatThrownBy(() -> data.join(department)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aClosedDepartmentSaysWhenItOpens() {
        // 11:30 in Kolkata; it opened at 08:00 and closed at 11:00.
        Department department = data.department().openDaily("08:00", "11:00").create();

        assertThatThrownBy(() -> data.join(department)).isInstanceOfSatisfying(ConflictException.class, e -> {
            assertThat(e.title()).isEqualTo("Department closed");
            assertThat(e.properties())
                    .containsEntry("reason", "closed")
                    .containsEntry("opensAt", "2030-01-16T08:00:00+05:30");
        });
        assertThat(counters.issued(department.id(), LocalDate.of(2030, 1, 15))).isZero();
    }

    @Test
    void aDepartmentOpensAtItsOpeningTimeInItsOwnZone() {
        // 07:00 in Berlin.
        Department department = data.department()
                .zone(ZoneId.of("Europe/Berlin"))
                .openDaily("07:30", "12:00")
                .create();
        assertThatThrownBy(() -> data.join(department))
                .isInstanceOfSatisfying(
                        ConflictException.class,
                        e -> assertThat(e.properties()).containsEntry("opensAt", "2030-01-15T07:30:00+01:00"));

        data.clock().advance(Duration.ofMinutes(30));

        assertThat(data.join(department).number().number()).isEqualTo(1);
    }

    @Test
    void aDepartmentWithoutHoursIsClosedWithoutAnOpeningTime() {
        Department department =
                data.department().hours(org.dqms.department.WeeklyHours.none()).create();

        assertThatThrownBy(() -> data.join(department))
                .isInstanceOfSatisfying(
                        ConflictException.class,
                        e -> assertThat(e.properties())
                                .containsEntry("reason", "closed")
                                .doesNotContainKey("opensAt"));
    }

    @Test
    void aFullDepartmentRefusesAndTakesNoNumber() {
        Department department = data.department().capacity(2).create();
        data.join(department);
        data.join(department);

        assertThatThrownBy(() -> data.join(department)).isInstanceOfSatisfying(ConflictException.class, e -> {
            assertThat(e.title()).isEqualTo("Department full");
            assertThat(e.properties()).containsEntry("reason", "full").containsEntry("capacity", 2);
        });
        assertThat(counters.issued(department.id(), LocalDate.of(2030, 1, 15))).isEqualTo(2);
    }

    @Test
    void cancelledTokensStillCountTowardsTheCapacity() {
        Department department = data.department().capacity(1).create();
        data.cancel(data.join(department));

        assertThatThrownBy(() -> data.join(department)).isInstanceOf(ConflictException.class);
    }

    @Test
    void theNumbersRestartAtOneWhenTheDayChangesInTheDepartmentsZone() {
        Department department = data.department().create();
        data.clock().set(Instant.parse("2030-01-15T18:28:00Z")); // 23:58 in Kolkata
        data.join(department);
        Token lastOfTheDay = data.join(department);

        data.clock().set(Instant.parse("2030-01-15T18:31:00Z")); // 00:01 on the 16th in Kolkata, still the 15th in UTC
        Token firstOfTheNext = data.join(department);

        assertThat(lastOfTheDay.number().number()).isEqualTo(2);
        assertThat(lastOfTheDay.serviceDate()).isEqualTo(LocalDate.of(2030, 1, 15));
        assertThat(firstOfTheNext.number().number()).isEqualTo(1);
        assertThat(firstOfTheNext.serviceDate()).isEqualTo(LocalDate.of(2030, 1, 16));
    }

    @Test
    void theCapacityIsPerDay() {
        Department department = data.department().capacity(1).create();
        data.join(department);

        data.clock().advance(Duration.ofDays(1));

        assertThat(data.join(department).number().number()).isEqualTo(1);
    }

    @Test
    void aPreferredDoctorMustServeTheDepartment() {
        Department department = data.department().create();
        Department elsewhere = data.department().create();
        Doctor ours = data.doctor(department);
        Doctor theirs = data.doctor(elsewhere);

        Token token = data.join(department, withDoctor(data.patient(), ours.id()));

        assertThat(token.preferredDoctorId()).isEqualTo(ours.id());
        assertThatThrownBy(() -> data.join(department, withDoctor(data.patient(), theirs.id())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("preferredDoctorId:");
        assertThatThrownBy(() -> data.join(department, withDoctor(data.patient(), 987_654_321L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("preferredDoctorId: doctor 987654321 does not exist");
    }

    @Test
    void channelPriorityAndEmailAreKept() {
        Department department = data.department().create();
        JoinCommand patient = data.patient();

        Token token = data.join(
                department,
                new JoinCommand(
                        "  Ravi Kumar ", patient.phone(), "ravi@example.org", null, Channel.KIOSK, Priority.EMERGENCY));

        assertThat(token.patient().name()).isEqualTo("Ravi Kumar");
        assertThat(token.patient().email()).isEqualTo("ravi@example.org");
        assertThat(token.channel()).isEqualTo(Channel.KIOSK);
        assertThat(token.priority()).isEqualTo(Priority.EMERGENCY);
        assertThat(tokens.history(token.id()))
                .singleElement()
                .extracting(TokenTransition::reason)
                .isEqualTo("joined via KIOSK");
    }

    private static JoinCommand withDoctor(JoinCommand patient, long doctorId) {
        return new JoinCommand(
                patient.patientName(), patient.phone(), null, doctorId, patient.channel(), patient.priority());
    }
}
