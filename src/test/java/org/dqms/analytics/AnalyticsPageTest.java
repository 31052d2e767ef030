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
}
