package org.dqms.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;
import org.dqms.accounts.AccountService;
import org.dqms.accounts.Role;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.platform.Actor;
import org.dqms.testing.ApiClient;
import org.dqms.testing.Hospital;
import org.dqms.testing.IntegrationTest;
import org.dqms.testing.PageSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The administrators' analytics page: its figures and charts, the CSV link, a bad range, others kept out. */
@IntegrationTest
class AnalyticsPageTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    private PageSession as(Role role, Set<Long> departments) {
        String email =
                role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8) + "@hospital.example";
        accounts.createStaff(Actor.staff("t"), email, "Page", role, departments, null, ApiClient.PASSWORD);
        return PageSession.signIn(port, email, ApiClient.PASSWORD);
    }

    @Test
    void theDashboardDrawsTheFiguresOfTheRange() {
        Department department = new Hospital(context).department();
        LocalDate day = LocalDate.now(ZoneId.of("Asia/Kolkata")).minusDays(1);
        Instant joined = day.atTime(10, 0).atZone(ZoneId.of("Asia/Kolkata")).toInstant();
        jdbc.sql("""
                        INSERT INTO dqms.token (department_id, service_date, number, patient_name, phone, channel, priority,
                                                status, joined_at, called_at, started_at, completed_at, ended_at)
                        VALUES (:department, :day, 1, 'Page', '+919900000101', 'WEB', 'NORMAL', 'COMPLETED',
                                :joined, :called, :called, :completed, :completed)
                        """)
                .param("department", department.id())
                .param("day", day)
                .param("joined", Timestamp.from(joined))
                .param("called", Timestamp.from(joined.plusSeconds(12 * 60)))
                .param("completed", Timestamp.from(joined.plusSeconds(20 * 60)))
                .update();
        PageSession admin = as(Role.ADMIN, Set.of());

        HttpResponse<String> page = admin.get("/admin/analytics?department=" + department.id());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("<svg class=\"bars\"")
                .contains(">12.0<")
                .contains("class=\"heat-4\"")
                .contains("/api/v1/analytics/departments/" + department.id() + "/tokens.csv?from=");

        HttpResponse<String> bad =
                admin.get("/admin/analytics?department=" + department.id() + "&from=2026-05-02&to=2026-05-01");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("Choose a start date on or before the end date");

        assertThat(as(Role.RECEPTION, Set.of(department.id()))
                        .get("/admin/analytics")
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void aDoctorFilterNarrowsTheFiguresAndTheDownload() {
        Hospital hospital = new Hospital(context);
        Department department = hospital.department();
        Doctor quick = hospital.doctor(department);
        Doctor slow = hospital.doctor(department);
        LocalDate day = LocalDate.now(ZoneId.of("Asia/Kolkata")).minusDays(1);
        Instant joined = day.atTime(10, 0).atZone(ZoneId.of("Asia/Kolkata")).toInstant();
        jdbc.sql("""
                        INSERT INTO dqms.token (department_id, service_date, number, patient_name, phone, channel, priority,
                                                status, doctor_id, joined_at, called_at, started_at, completed_at, ended_at)
                        VALUES (:department, :day, 1, 'Quick', '+919900000201', 'WEB', 'NORMAL', 'COMPLETED', :quick,
                                :joined, CAST(:joined AS timestamptz) + interval '12 minutes', CAST(:joined AS timestamptz) + interval '12 minutes',
                                CAST(:joined AS timestamptz) + interval '20 minutes', CAST(:joined AS timestamptz) + interval '20 minutes'),
                               (:department, :day, 2, 'Slow', '+919900000202', 'WEB', 'NORMAL', 'COMPLETED', :slow,
                                :joined, CAST(:joined AS timestamptz) + interval '46 minutes', CAST(:joined AS timestamptz) + interval '46 minutes',
                                CAST(:joined AS timestamptz) + interval '50 minutes', CAST(:joined AS timestamptz) + interval '50 minutes')
                        """)
                .param("department", department.id())
                .param("day", day)
                .param("quick", quick.id())
                .param("slow", slow.id())
                .param("joined", Timestamp.from(joined))
                .update();
        PageSession admin = as(Role.ADMIN, Set.of());

        String both =
                admin.get("/admin/analytics?department=" + department.id()).body();
        String one = admin.get("/admin/analytics?department=" + department.id() + "&doctor=" + quick.id())
                .body();

        // Waits 12 and 46: a mean of 29 for both, 12 for the quick doctor alone.
        assertThat(both).contains(">29.0<").contains(">" + quick.name() + "<").contains(">" + slow.name() + "<");
        assertThat(one)
                .contains(">12.0<")
                .doesNotContain(">29.0<")
                .contains("<option value=\"" + quick.id() + "\" selected=\"selected\"")
                .contains("doctorId=" + quick.id());
        // The utilisation table lists only the chosen doctor.
        assertThat(one).doesNotContain("<td>" + slow.name() + "</td>");
    }
}
