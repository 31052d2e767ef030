package org.dqms.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.dqms.DqmsApplication;
import org.dqms.department.Department;
import org.dqms.department.DepartmentService;
import org.dqms.platform.Actor;
import org.dqms.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** Demo data across restarts and on databases it must leave alone. */
@ExtendWith(OutputCaptureExtension.class)
class DemoDataStartTest {

    private static final String CREATED = "Demo data: 4 departments and 5 doctors created (development only)";

    private static ConfigurableApplicationContext start(String... settings) {
        String[] args = new String[settings.length + 1];
        args[0] = "--server.port=0";
        System.arraycopy(settings, 0, args, 1, settings.length);
        return SpringApplication.run(DqmsApplication.class, args);
    }

    private static Map<String, Department> byPrefix(ConfigurableApplicationContext app) {
        return app.getBean(DepartmentService.class).all().stream()
                .collect(Collectors.toMap(d -> d.prefix().value(), d -> d));
    }

    @Test
    void aRestartOnADatabaseWithDepartmentsDoesNotSeedAgain(CapturedOutput output) {
        String dataDir = "--DQMS_DATA_DIR=target/test-data/" + UUID.randomUUID();
        try (ConfigurableApplicationContext first = start(dataDir)) {
            assertThat(byPrefix(first)).containsOnlyKeys("OPD", "CARD", "LAB", "PHAR");
            // An administrator removes one demo department; the others stay.
            first.getBean(DepartmentService.class)
                    .delete(Actor.staff("admin"), byPrefix(first).get("PHAR").id());
        }
        assertThat(output.getAll()).containsOnlyOnce(CREATED);
        int mark = output.getAll().length();

        try (ConfigurableApplicationContext second = start(dataDir)) {
            assertThat(byPrefix(second)).containsOnlyKeys("OPD", "CARD", "LAB");
        }
        assertThat(output.getAll().substring(mark)).doesNotContain("Demo data");
    }

    @Test
    void anExternalDatabaseGetsNoDemoData(CapturedOutput output) {
        try (TestPostgres postgres = TestPostgres.start()) {
            postgres.createDatabase("hospital");
            String url = postgres.url("postgres", null, "hospital", "sslmode=disable");

            try (ConfigurableApplicationContext app =
                    start("--DQMS_DATA_DIR=target/test-data/" + UUID.randomUUID(), "--DATABASE_URL=" + url)) {
                assertThat(app.getBean(DepartmentService.class).all()).isEmpty();
            }
        }
        assertThat(output.getAll()).doesNotContain("Demo data");
    }
}
