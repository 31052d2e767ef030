package org.dqms.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dqms.department.Department;
import org.dqms.testing.ApiClient;
import org.dqms.testing.Hospital;
import org.dqms.testing.RunningApp;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Joins at once, more than the pool has connections: every join answers 201 and every token gets
 * the wait quoted to it. A quote that needed a second connection while the join still held its
 * first would wait for the pool's timeout and be lost. The timeout leaves room for joins that only
 * queue for a connection on a slow machine.
 */
class QuotesWithAFullPoolTest {

    private static final int JOINS = 24;

    @Test
    void everyJoinIsQuotedThoughThePoolIsBusy() throws Exception {
        try (RunningApp app =
                RunningApp.start(Map.of("DATABASE_POOL_SIZE", "2", "DATABASE_CONNECTION_TIMEOUT", "2s"))) {
            Hospital hospital = new Hospital(app.context());
            Department department = hospital.department();
            hospital.doctor(department);
            ApiClient patients = ApiClient.anonymous(app.port());

            ExecutorService threads = Executors.newFixedThreadPool(12);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < JOINS; i++) {
                String phone = "+9198765" + String.format("%05d", 40_000 + i);
                Callable<Integer> join = () -> patients.send(HttpRequest.newBuilder(
                                        patients.uri("/api/v1/departments/" + department.id() + "/tokens"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"patientName\":\"Pool\",\"phone\":\"" + phone + "\"}")))
                        .statusCode();
                answers.add(threads.submit(join));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            threads.shutdown();

            assertThat(statuses).hasSize(JOINS).containsOnly(201);
            app.context().getBean(WaitQuotes.class).flush();
            JdbcClient jdbc = app.context().getBean(JdbcClient.class);
            long quoted =
                    jdbc.sql("""
                            SELECT count(DISTINCT q.token_id) FROM dqms.wait_quote q
                              JOIN dqms.token t ON t.id = q.token_id WHERE t.department_id = :id
                            """).param("id", department.id()).query(Long.class).single();
            assertThat(quoted).isEqualTo(JOINS);
        }
    }
}
