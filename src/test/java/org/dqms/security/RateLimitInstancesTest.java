package org.dqms.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.dqms.testing.RawHttp;
import org.dqms.testing.RunningApp;
import org.dqms.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two instances on one database count against one limit, as behind a load balancer. */
class RateLimitInstancesTest {

    private static TestPostgres postgres;

    @BeforeAll
    static void startDatabase() {
        postgres = TestPostgres.start();
        postgres.createDatabase("dqms");
    }

    @AfterAll
    static void stopDatabase() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void instancesSharingADatabaseShareTheCounter() {
        // A day-long window, so that the test does not straddle the end of one.
        Map<String, String> variables = Map.of(
                "DATABASE_URL", postgres.url("postgres", null, "dqms", "sslmode=disable"),
                "DQMS_RATE_LIMIT_SIGN_IN_PER_IP", "3",
                "DQMS_RATE_LIMIT_SIGN_IN_PER_IP_WINDOW", "1d");
        try (RunningApp first = RunningApp.start(variables);
                RunningApp second = RunningApp.start(variables)) {
            RawHttp a = new RawHttp(first.port());
            RawHttp b = new RawHttp(second.port());

            assertThat(signIn(a).status()).isEqualTo(401);
            assertThat(signIn(b).status()).isEqualTo(401);
            assertThat(signIn(a).status()).isEqualTo(401);

            RawHttp.Response refused = signIn(b);
            assertThat(refused.status()).isEqualTo(429);
            assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 86_400L);
            assertThat(signIn(a).status()).isEqualTo(429);
        }
    }

    private static RawHttp.Response signIn(RawHttp http) {
        return http.post(
                "/api/v1/auth/sign-in",
                Map.of("email", "nobody-" + UUID.randomUUID() + "@example.org", "password", "Not-The-Password-123"),
                "X-Forwarded-For",
                "198.51.100.7");
    }
}
