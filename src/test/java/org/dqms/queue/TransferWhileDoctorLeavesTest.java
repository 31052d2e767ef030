package org.dqms.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.doctor.DoctorDetails;
import org.dqms.doctor.DoctorService;
import org.dqms.platform.Actor;
import org.dqms.queue.TokenActionService.TransferTarget;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Transfers to a doctor racing an administrator who takes the transfers' department from that doctor
 * (ADR 25), on the real database. Each transfer either is stored before the department is taken, and
 * the edit then releases its token, or comes after and is refused; no token is left waiting for a
 * doctor who no longer sees its department.
 */
@IntegrationTest
@Import(QueueTestData.Configuration.class)
class TransferWhileDoctorLeavesTest {

    private static final int THREADS = 3;
    private static final int TRANSFERS_PER_THREAD = 6;
    private static final int ROUNDS = 6;
    private static final Actor RECEPTION = Actor.staff("reception-test");

    // Tokens waiting or called in a department for a doctor who has no link to that department.
    private static final String STRANDED = """
            SELECT count(*) FROM dqms.token t
             WHERE t.department_id = :departmentId AND t.status IN ('WAITING', 'CALLED')
               AND t.preferred_doctor_id IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM dqms.doctor_department dd
                                WHERE dd.doctor_id = t.preferred_doctor_id AND dd.department_id = t.department_id)
            """;

    private static final String TOKENS_IN = "SELECT count(*) FROM dqms.token WHERE department_id = :departmentId";

    @Autowired
    QueueTestData data;

    @Autowired
    TokenActionService actions;

    @Autowired
    TokenRepository tokens;

    @Autowired
    DoctorService doctors;

    @Autowired
    JdbcClient jdbc;

    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS + 1);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    /**
     * Each round, threads transfer their patients one after another while the doctor is moved, so
     * some transfers are stored before the move, some are in flight and some come after it.
     */
    // How many were stored and how many refused depends on the machine's timing (a round can go all
    // one way), so it is not asserted; each round's exact checks are in race().
    @Test
    void eachTransferToALeavingDoctorIsReleasedOrRefused() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            assertThat(race()).isBetween(0, THREADS * TRANSFERS_PER_THREAD);
        }
    }

    /** One race; returns how many transfers were stored. */
    private int race() throws Exception {
        Department from = data.department().create();
        Department department = data.department().create();
        Department elsewhere = data.department().create();
        Doctor leaving = data.doctor(department, elsewhere);
        List<List<Token>> waiting = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            waiting.add(new ArrayList<>());
            for (int i = 0; i < TRANSFERS_PER_THREAD; i++) {
                waiting.get(t).add(data.join(from));
            }
        }
        CyclicBarrier start = new CyclicBarrier(THREADS + 1);
        List<Future<List<Long>>> transfers = new ArrayList<>();
        for (List<Token> patients : waiting) {
            transfers.add(together(start, () -> transferAll(patients, department, leaving)));
        }
        Future<Doctor> moved =
                together(start, () -> doctors.update(QueueTestData.ADMIN, leaving.id(), to(leaving, elsewhere)));

        assertThat(moved.get(1, TimeUnit.MINUTES).departmentIds()).containsExactly(elsewhere.id());
        List<List<Long>> outcomes = new ArrayList<>();
        for (Future<List<Long>> transfer : transfers) {
            outcomes.add(transfer.get(1, TimeUnit.MINUTES));
        }
        assertThat(count(STRANDED, department))
                .as("tokens waiting for a doctor elsewhere")
                .isZero();
        int stored = 0;
        for (int t = 0; t < THREADS; t++) {
            List<Long> next = outcomes.get(t);
            assertThat(next.stream().dropWhile(Objects::nonNull))
                    .as("once refused, a thread's transfers stay refused")
                    .allMatch(Objects::isNull);
            for (int i = 0; i < TRANSFERS_PER_THREAD; i++) {
                Token previous = tokens.find(waiting.get(t).get(i).id()).orElseThrow();
                if (next.get(i) == null) {
                    assertThat(previous.status())
                            .as("a refused transfer changes nothing")
                            .isEqualTo(TokenStatus.WAITING);
                } else {
                    stored++;
                    assertReleased(previous, next.get(i), leaving);
                }
            }
        }
        assertThat(count(TOKENS_IN, department)).isEqualTo(stored);
        return stored;
    }

    /** The transfer was stored, and then the move released its new token from the doctor. */
    private void assertReleased(Token previous, long next, Doctor leaving) {
        assertThat(previous.status()).isEqualTo(TokenStatus.TRANSFERRED);
        Token released = tokens.find(next).orElseThrow();
        assertThat(released.status()).isEqualTo(TokenStatus.WAITING);
        assertThat(released.preferredDoctorId())
                .as("doctor of token %s, transferred before doctor %s left", next, leaving.id())
                .isNull();
        assertThat(tokens.history(next))
                .extracting(TokenTransition::reason)
                .containsExactly(
                        "transferred from " + previous.number(), DoctorPreferences.releaseReason(leaving.name()));
    }

    /**
     * Transfers the patients one after another; for each, the new token's id, or null if the transfer
     * was refused because the doctor no longer sees the department (400). Anything else fails.
     */
    private List<Long> transferAll(List<Token> patients, Department department, Doctor doctor) {
        String refusal = "doctorId: doctor " + doctor.id() + " does not see patients in department " + department.id();
        TransferTarget target = new TransferTarget(department.id(), doctor.id());
        List<Long> next = new ArrayList<>();
        for (Token token : patients) {
            try {
                next.add(actions.transfer(RECEPTION, token.id(), target, "to the doctor", TokenActionService.ANYONE)
                        .next()
                        .id());
            } catch (IllegalArgumentException e) {
                assertThat(e).hasMessage(refusal);
                next.add(null);
            }
        }
        return next;
    }

    private <T> Future<T> together(CyclicBarrier start, Callable<T> work) {
        return threads.submit(() -> {
            start.await(1, TimeUnit.MINUTES);
            return work.call();
        });
    }

    private long count(String sql, Department department) {
        return jdbc.sql(sql)
                .param("departmentId", department.id())
                .query(Long.class)
                .single();
    }

    private static DoctorDetails to(Doctor doctor, Department department) {
        return new DoctorDetails(
                doctor.name(),
                doctor.room(),
                doctor.specialization(),
                doctor.consultationMinutes(),
                Set.of(department.id()));
    }
}
