package org.dqms.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.dqms.accounts.AccountService;
import org.dqms.accounts.Role;
import org.dqms.platform.Actor;
import org.dqms.testing.ApiClient;
import org.dqms.testing.IntegrationTest;
import org.dqms.testing.PageSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The administrators' page of failed deliveries, and its retry button. */
@IntegrationTest
class NotificationPageTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.springframework.context.ApplicationContext context;

    @Test
    void failuresAreListedMaskedAndRetriedFromThePage() {
        long failed = jdbc.sql("""
                        INSERT INTO dqms.notification_outbox (idempotency_key, kind, channel, recipient, body, status,
                                                              attempts, last_error, next_attempt_at, created_at)
                        VALUES (:key, 'CALLED', 'SMS', '+919812345678', 'x', 'FAILED', 6, 'provider answered 500',
                                now(), now())
                        RETURNING id
                        """)
                .param("key", "page:" + UUID.randomUUID())
                .query(Long.class)
                .single();
        String email = "admin-" + UUID.randomUUID().toString().substring(0, 8) + "@hospital.example";
        accounts.createStaff(Actor.staff("t"), email, "Admin", Role.ADMIN, Set.of(), null, ApiClient.PASSWORD);
        PageSession admin = PageSession.signIn(port, email, ApiClient.PASSWORD);

        HttpResponse<String> page = admin.get("/admin/notifications");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("provider answered 500")
                .contains("…5678")
                .doesNotContain("9812345678");

        HttpResponse<String> retried = admin.post("/admin/notifications/" + failed + "/retry", Map.of());
        assertThat(retried.statusCode()).isEqualTo(302);
        assertThat(retried.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("retried=" + failed));
        assertThat(jdbc.sql("SELECT status FROM dqms.notification_outbox WHERE id = :id")
                        .param("id", failed)
                        .query(String.class)
                        .single())
                .isNotEqualTo("FAILED");

        PageSession reception = PageSession.signIn(
                port,
                accounts.createStaff(
                                Actor.staff("t"),
                                "desk-" + UUID.randomUUID().toString().substring(0, 8) + "@hospital.example",
                                "Desk",
                                Role.RECEPTION,
                                Set.of(new org.dqms.testing.Hospital(context)
                                        .department()
                                        .id()),
                                null,
                                ApiClient.PASSWORD)
                        .email(),
                ApiClient.PASSWORD);
        assertThat(reception.get("/admin/notifications").statusCode()).isEqualTo(403);
    }
}
