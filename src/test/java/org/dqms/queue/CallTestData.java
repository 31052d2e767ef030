package org.dqms.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.platform.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Calling and serving patients in tests, through the services under test. Build one in a test from
 * the injected beans; it holds no state of its own.
 */
final class CallTestData {

    // Phones for bulk tokens: +9188 and a department-wide counter, apart from QueueTestData's +9190.
    private static final String INSERT_WAITING = """
            INSERT INTO dqms.token (department_id, service_date, number, patient_name, phone, channel, priority,
                                    status, joined_at)
            VALUES (:departmentId, :serviceDate, :number, :name, :phone, 'RECEPTION', :priority, 'WAITING', :joinedAt)
            """;

    private final CallService calls;
    private final TokenActionService actions;
    private final JdbcClient jdbc;

    CallTestData(CallService calls, TokenActionService actions, JdbcClient jdbc) {
        this.calls = calls;
        this.actions = actions;
        this.jdbc = jdbc;
    }

    static Actor actor(Doctor doctor) {
        return Actor.staff("doctor-" + doctor.id());
    }

    /** Calls the doctor's next patient, if any, and leaves the token CALLED. */
    Optional<Token> callNext(Doctor doctor) {
        return calls.callNext(actor(doctor), doctor.id());
    }

    /** Calls the doctor's next patient, sees and completes them; returns the token as called. */
    Optional<Token> serveNext(Doctor doctor) {
        Optional<Token> called = callNext(doctor);
        called.ifPresent(token -> finish(doctor, token));
        return called;
    }

    /** Starts and completes a called token. */
    void finish(Doctor doctor, Token token) {
        actions.start(actor(doctor), token.id(), TokenActionService.ANYONE);
        actions.complete(actor(doctor), token.id(), null, TokenActionService.ANYONE);
    }

    /** Serves patients until nobody waits for the doctor; the tokens in the order they were called. */
    List<Token> serveAll(Doctor doctor) {
        List<Token> served = new ArrayList<>();
        for (Optional<Token> next = serveNext(doctor); next.isPresent(); next = serveNext(doctor)) {
            served.add(next.get());
        }
        return served;
    }

    /**
     * Inserts {@code count} WAITING tokens straight into the table, numbered from 1, joined one second
     * apart from {@code firstJoined}: for tests that need many tokens fast, where joining one by one
     * would only slow them down.
     */
    void insertWaiting(Department department, int count, Instant firstJoined, IntFunction<Priority> priorityOf) {
        for (int n = 1; n <= count; n++) {
            jdbc.sql(INSERT_WAITING)
                    .param("departmentId", department.id())
                    .param("serviceDate", department.today(firstJoined))
                    .param("number", n)
                    .param("name", "Bulk patient " + n)
                    .param("phone", String.format("+9188%04d%05d", department.id() % 10_000, n))
                    .param("priority", priorityOf.apply(n).name())
                    .param("joinedAt", TokenRepository.timestamp(firstJoined.plusSeconds(n)))
                    .update();
        }
    }
}
