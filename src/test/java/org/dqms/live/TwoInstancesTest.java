package org.dqms.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.dqms.accounts.AccountService;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.testing.EventStream;
import org.dqms.testing.Hospital;
import org.dqms.testing.RunningApp;
import org.dqms.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two instances on one database, as behind a load balancer: a call made on one reaches a phone
 * subscribed on the other, also after the database restarted under both.
 */
class TwoInstancesTest {

    private static TestPostgres postgres;

    @BeforeAll
    static void startDatabase() {
        // Kept on close, so that the restart below finds its data.
        postgres = TestPostgres.start(server -> server.setCleanDataDirectory(false));
        postgres.createDatabase("dqms");
    }

    @AfterAll
    static void stopDatabase() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void callOnOneInstanceReachesAStreamOnTheOtherBeforeAndAfterADatabaseRestart() {
        Map<String, String> variables =
                Map.of("DATABASE_URL", postgres.url("postgres", null, "dqms", "sslmode=disable"));
        try (RunningApp a = RunningApp.start(variables);
                RunningApp b = RunningApp.start(variables)) {
            Hospital hospital = new Hospital(a.context());
            Department department = hospital.department();
            Doctor doctor = hospital.doctor(department);
            LiveApi onA = new LiveApi(a.port(), a.context().getBean(AccountService.class));

            JsonNode token = onA.join(department.id());
            try (EventStream onB = EventStream.open(URI.create(
                    b.baseUrl() + "/api/v1/live/tokens/" + token.get("publicId").asString()))) {
                onB.await(e -> e.data().contains("\"WAITING\""), Duration.ofSeconds(5));
                onA.callNext(doctor.id());
                JsonNode called = LiveApi.data(onB.await(e -> e.data().contains("\"CALLED\""), Duration.ofSeconds(5)));
                assertThat(called.get("room").asString()).isEqualTo(doctor.room());
            }

            postgres.restart();

            String number = joinOnceTheDatabaseIsBack(onA, department.id());
            try (EventStream boardOnB = openOnceTheDatabaseIsBack(
                    URI.create(b.baseUrl() + "/api/v1/live/departments/" + department.id()))) {
                boardOnB.await(e -> e.data().contains("\"number\":\"" + number + "\""), Duration.ofSeconds(10));
                String later = onA.join(department.id()).get("number").asString();
                boardOnB.await(e -> e.data().contains("\"number\":\"" + later + "\""), Duration.ofSeconds(10));
            }
        }
    }

    /** Like the pages: opens the stream again while the instance answers 503 after the restart. */
    private static EventStream openOnceTheDatabaseIsBack(URI uri) {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 40; attempt++) {
            try {
                return EventStream.open(uri);
            } catch (IllegalStateException e) {
                assertThat(e.getMessage()).contains("503");
                last = e;
                sleep(250);
            }
        }
        throw last;
    }

    /** The pool's old connections fail once each after the restart; the pool then opens new ones. */
    private static String joinOnceTheDatabaseIsBack(LiveApi api, long departmentId) {
        AssertionError last = null;
        for (int attempt = 0; attempt < 40; attempt++) {
            try {
                return api.join(departmentId).get("number").asString();
            } catch (AssertionError e) {
                last = e;
                sleep(250);
            }
        }
        throw last;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
