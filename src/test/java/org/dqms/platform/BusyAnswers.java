package org.dqms.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.dqms.department.JsonApi;
import org.springframework.boot.test.system.CapturedOutput;
import tools.jackson.databind.JsonNode;

/** What the API answers, and logs, when the database is too busy to serve a request now. */
final class BusyAnswers {

    private BusyAnswers() {}

    /** 503 with {@code Retry-After} and a Problem Details body that says to try again. */
    static void assertToldToTryAgain(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JsonApi.parse(answer.body());
        assertThat(problem.path("title").asString()).isEqualTo("Service busy");
        assertThat(problem.path("detail").asString())
                .isEqualTo("The service is busy at the moment; try again in a few seconds.");
    }

    /** The 503 page with {@code Retry-After} that says to try again: HTML, not Problem Details. */
    static void assertBusyPage(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(answer.body())
                .contains("The service is busy for a moment. Please try again.")
                .doesNotContain("\"status\"");
    }

    /** The one WARN line logged for such an answer. */
    static String logged(String exception, String sqlState) {
        return "Database busy, answered 503: " + exception + " (SQLSTATE " + sqlState + ")";
    }

    /** A lock timeout logged in one WARN line, without a stack trace or the log of an unexpected failure. */
    static void assertLockTimeoutLoggedOnce(CapturedOutput output) {
        String logged = logged("CannotAcquireLockException", "55P03");
        assertThat(output.getAll().lines().filter(line -> line.contains(logged)))
                .singleElement()
                .satisfies(line -> assertThat(line).contains("WARN"));
        assertThat(output.getAll())
                .doesNotContain("org.springframework.dao.CannotAcquireLockException:")
                .doesNotContain("Unexpected failure", "Page failed");
    }
}
