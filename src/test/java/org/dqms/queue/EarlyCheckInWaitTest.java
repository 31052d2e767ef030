package org.dqms.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.queue.AppointmentCheckIns.CheckIn;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An appointment checked in before its time takes its place from the booked time, still ahead:
 * every screen shows it has waited no time yet, never a negative one.
 */
@IntegrationTest
@Import(QueueTestData.Configuration.class)
class EarlyCheckInWaitTest {

    @Autowired
    QueueTestData data;

    @Autowired
    AppointmentCheckIns checkIns;

    @Autowired
    DoctorConsole console;

    @Autowired
    ReceptionService reception;

    @Autowired
    TransactionTemplate transaction;

    @AfterEach
    void resetClock() {
        data.clock().reset();
    }

    @Test
    void anAppointmentCheckedInBeforeItsTimeHasWaitedNoMinutes() {
        Department department = data.department().create();
        Doctor doctor = data.doctor(department);
        Instant booked = data.clock().instant().plus(Duration.ofMinutes(20));
        JoinCommand patient = data.patient();
        transaction.executeWithoutResult(status -> checkIns.checkIn(
                QueueTestData.ADMIN,
                new CheckIn(
                        department.id(),
                        null,
                        patient.patientName(),
                        patient.phone().value(),
                        null,
                        null,
                        booked,
                        "appointment, on time: booked time")));

        assertThat(console.view(doctor.id()).queues().get(0).waiting())
                .extracting(DoctorConsole.Waiting::waitingMinutes)
                .containsExactly(0L);
        assertThat(reception.desk(department.id()).waiting())
                .extracting(ReceptionService.Waiting::waitingMinutes)
                .containsExactly(0L);

        data.clock().set(booked.plus(Duration.ofMinutes(7)));
        assertThat(console.view(doctor.id()).queues().get(0).waiting())
                .extracting(DoctorConsole.Waiting::waitingMinutes)
                .containsExactly(7L);
    }
}
