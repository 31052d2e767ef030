package org.dqms.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.dqms.accounts.AccountService;
import org.dqms.audit.AuditRows.Row;
import org.dqms.department.Department;
import org.dqms.department.DepartmentDetails;
import org.dqms.department.DepartmentPrefix;
import org.dqms.department.DepartmentService;
import org.dqms.department.OpeningTime;
import org.dqms.department.TestDepartments;
import org.dqms.department.WeeklyHours;
import org.dqms.doctor.Doctor;
import org.dqms.doctor.DoctorDetails;
import org.dqms.doctor.DoctorService;
import org.dqms.doctor.DutyStatus;
import org.dqms.platform.Actor;
import org.dqms.queue.TokenEvents.TokenExpired;
import org.dqms.testing.IntegrationTest;
import org.dqms.testing.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Staff actions on tokens in the audit log, each with the actor of the token's history line. */
@IntegrationTest
class TokenAuditTest {

    private static final Actor ADMIN = Actor.staff("token-audit-test");

    @LocalServerPort
    int port;

    @Autowired
    AccountService accountService;

    @Autowired
    DepartmentService departments;

    @Autowired
    DoctorService doctors;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcClient jdbc;

    private AuditRows rows;
    private String clientIp;
    private RawHttp http;
    private String bearer;
    private String staffId;
    private Department department;
    private Doctor doctor;

    @BeforeEach
    void setUp() {
        rows = new AuditRows(jdbc, accountService);
        clientIp = rows.newClientIp();
        http = new RawHttp(port).from(clientIp);
        String email = rows.admin().email();
        bearer = "Bearer "
                + http.post("/api/v1/auth/sign-in", Map.of("email", email, "password", AuditRows.PASSWORD))
                        .json()
                        .path("accessToken")
                        .asString();
        staffId = "reception-" + ThreadLocalRandom.current().nextInt(1_000_000);
        department = departments.create(
                ADMIN,
                new DepartmentDetails(
                        TestDepartments.uniqueName("Audit tokens"),
                        new DepartmentPrefix(TestDepartments.uniquePrefix()),
                        ZoneOffset.UTC,
                        500,
                        20));
        departments.setHours(
                ADMIN,
                department.id(),
                WeeklyHours.weekly(List.of(DayOfWeek.values()), List.of(OpeningTime.of("00:00", "23:59"))));
        rows.target("department:" + department.id());
        doctor = doctors.create(ADMIN, new DoctorDetails("Dr Token Audit", "T-1", null, 10, Set.of(department.id())));
        rows.target("doctor:" + doctor.id());
        doctors.setDutyStatus(ADMIN, doctor.id(), DutyStatus.ON_DUTY);
    }

    @AfterEach
    void cleanUp() {
        doctors.setDutyStatus(ADMIN, doctor.id(), DutyStatus.OFF_DUTY);
        rows.cleanUp();
    }

    private RawHttp.Response staff(String path, Object body) {
        return http.post(path, body, "Authorization", bearer, "X-Staff-Id", staffId);
    }

    private long join() {
        String phone = "+9197" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
        RawHttp.Response joined = http.post(
                "/api/v1/departments/" + department.id() + "/tokens",
                Map.of("patientName", "Audit Patient", "phone", phone, "email", "someone@example.org"));
        assertThat(joined.status()).as(joined.body()).isEqualTo(201);
        long id = joined.json().path("id").asLong();
        rows.target("token:" + id);
        return id;
    }

    private void callNext(long expected) {
        RawHttp.Response called = staff("/api/v1/doctors/" + doctor.id() + "/call-next", Map.of());
        assertThat(called.status()).as(called.body()).isEqualTo(200);
        assertThat(called.json().path("id").asLong()).isEqualTo(expected);
    }

    private List<String> historyActors(long tokenId) {
        return jdbc.sql("SELECT actor FROM dqms.token_history WHERE token_id = :id AND from_status IS NOT NULL"
                        + " ORDER BY id")
                .param("id", tokenId)
                .query(String.class)
                .list();
    }

    @Test
    void everyStaffActionIsRecordedOnceWithTheActorOfItsHistoryLine() {
        long first = join();
        callNext(first);
        assertThat(staff("/api/v1/tokens/" + first + "/recall", Map.of()).status())
                .isEqualTo(200);
        callNext(first);
        assertThat(staff("/api/v1/tokens/" + first + "/start", Map.of()).status())
                .isEqualTo(200);
        assertThat(staff("/api/v1/tokens/" + first + "/complete", Map.of("notes", "private notes"))
                        .status())
                .isEqualTo(200);
        RawHttp.Response transferred = staff("/api/v1/tokens/" + first + "/transfer", Map.of("doctorId", doctor.id()));
        assertThat(transferred.status()).as(transferred.body()).isEqualTo(201);
        long second = transferred.json().path("id").asLong();
        rows.target("token:" + second);
        assertThat(staff("/api/v1/tokens/" + second + "/cancel", Map.of()).status())
                .isEqualTo(200);
        long third = join();
        callNext(third);
        assertThat(staff("/api/v1/tokens/" + third + "/no-show", Map.of()).status())
                .isEqualTo(200);

        List<Row> firstRows = rows.byTarget("token:" + first);
        assertThat(firstRows)
                .extracting(Row::action)
                .containsExactly(
                        "TOKEN_CALLED",
                        "TOKEN_RECALLED",
                        "TOKEN_CALLED",
                        "TOKEN_STARTED",
                        "TOKEN_COMPLETED",
                        "TOKEN_TRANSFERRED");
        assertThat(firstRows).extracting(Row::actor).containsExactlyElementsOf(historyActors(first));
        assertThat(rows.byTarget("token:" + second))
                .extracting(Row::action, Row::actor)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "TOKEN_CANCELLED", historyActors(second).get(0)));
        assertThat(rows.byTarget("token:" + third))
                .extracting(Row::action)
                .containsExactly("TOKEN_CALLED", "TOKEN_NO_SHOW");
        assertThat(rows.byTarget("token:" + third))
                .extracting(Row::actor)
                .containsExactlyElementsOf(historyActors(third));

        List<Row> all = rows.byClientIp(clientIp);
        assertThat(all)
                .filteredOn(row -> row.action().startsWith("TOKEN_"))
                .hasSize(9)
                .allSatisfy(row -> {
                    assertThat(row.actor()).startsWith("staff:");
                    assertThat(row.at()).isNotNull();
                    assertThat(row.text())
                            .doesNotContain("someone@example.org")
                            .doesNotContain("Audit Patient")
                            .doesNotContain("private notes");
                });
        assertThat(firstRows.get(5).details()).contains("\"nextTokenId\": " + second);
        // Joining is the patient's act, not staff's.
        assertThat(all).extracting(Row::action).doesNotContain("TOKEN_JOINED");
    }

    @Test
    void anExpiryIsRecordedAsTheSystemsAct() {
        long token = join();
        Instant now = Instant.now();

        transaction.executeWithoutResult(status -> {
            // What ClosingTimeExpiry does in its transaction: the history line, then the event.
            jdbc.sql("INSERT INTO dqms.token_history (token_id, from_status, to_status, actor, reason, at)"
                            + " VALUES (:id, 'WAITING', 'EXPIRED', :actor, 'department closed', :at)")
                    .param("id", token)
                    .param("actor", Actor.SYSTEM.label())
                    .param("at", now.atOffset(ZoneOffset.UTC))
                    .update();
            events.publishEvent(new TokenExpired(token, department.id(), now, Actor.SYSTEM.label()));
        });

        assertThat(rows.byTarget("token:" + token)).singleElement().satisfies(row -> {
            assertThat(row.action()).isEqualTo("TOKEN_EXPIRED");
            assertThat(row.actor()).isEqualTo("system:dqms");
            assertThat(row.clientIp()).isNull();
        });
        jdbc.sql("DELETE FROM dqms.token_history WHERE token_id = :id AND to_status = 'EXPIRED'")
                .param("id", token)
                .update();
        assertThat(staff("/api/v1/tokens/" + token + "/cancel", Map.of()).status())
                .isEqualTo(200);
    }
}
