package org.dqms.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.doctor.DoctorDetails;
import org.dqms.doctor.DoctorService;
import org.dqms.platform.Actor;
import org.dqms.testing.HeldTransactions;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * An administrator's edit of a doctor and the doctor's calls, on the real database, each held open
 * while the other runs. A call names the doctor on the token it calls, and an edit changes neither
 * the doctor's key nor any token, so neither waits for the other. A delete does wait for a call in
 * flight: it must count the doctor's tokens with none being added.
 */
@IntegrationTest
@Import(QueueTestData.Configuration.class)
class DoctorEditsDuringCallsTest {

    private static final Actor ADMIN = Actor.staff("admin");

    @Autowired
    QueueTestData data;

    @Autowired
    CallService calls;

    @Autowired
    DoctorService doctors;

    @Autowired
    PlatformTransactionManager transactions;

    private HeldTransactions held;

    @BeforeEach
    void transactions() {
        held = new HeldTransactions(transactions);
    }

    @AfterEach
    void release() throws Exception {
        held.close();
    }

    @Test
    void anEditDoesNotWaitForTheDoctorsCallInFlight() throws Exception {
        Department department = data.department().create();
        Doctor doctor = data.doctor(department);
        data.join(department);
        held.hold(() -> calls.callNext(CallTestData.actor(doctor), doctor.id()).orElseThrow());

        Future<Doctor> edited = held.submit(() -> doctors.update(ADMIN, doctor.id(), movedTo("Room 12", doctor)));

        assertThat(edited.get(10, TimeUnit.SECONDS).room()).isEqualTo("Room 12");
    }

    @Test
    void aCallDoesNotWaitForAnEditOfItsDoctor() throws Exception {
        Department department = data.department().create();
        Doctor doctor = data.doctor(department);
        Token waiting = data.join(department);
        held.hold(() -> doctors.update(ADMIN, doctor.id(), movedTo("Room 14", doctor)));

        Future<Token> called = held.submit(
                () -> calls.callNext(CallTestData.actor(doctor), doctor.id()).orElseThrow());

        Token token = called.get(10, TimeUnit.SECONDS);
        assertThat(token.id()).isEqualTo(waiting.id());
        assertThat(token.status()).isEqualTo(TokenStatus.CALLED);
    }

    @Test
    void aDeleteWaitsForTheCallThenCountsItsToken() throws Exception {
        Department department = data.department().create();
        Doctor doctor = data.doctor(department);
        data.join(department);
        held.hold(() -> calls.callNext(CallTestData.actor(doctor), doctor.id()).orElseThrow());

        Future<Void> deleted = held.submit(() -> {
            doctors.delete(ADMIN, doctor.id());
            return null;
        });

        assertThatThrownBy(() -> deleted.get(1, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);
        // The held call rolls back: no token names the doctor, and the delete goes through.
        held.release();
        deleted.get(10, TimeUnit.SECONDS);
        assertThat(doctors.find(doctor.id())).isEmpty();
    }

    private static DoctorDetails movedTo(String room, Doctor doctor) {
        return new DoctorDetails(
                doctor.name(),
                room,
                doctor.specialization(),
                doctor.consultationMinutes(),
                Set.copyOf(doctor.departmentIds()));
    }
}
