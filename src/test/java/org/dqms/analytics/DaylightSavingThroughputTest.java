package org.dqms.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.dqms.department.Department;
import org.dqms.testing.Hospital;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Completions around Berlin's fall-back night, when 02:00–03:00 happens twice: every completion
 * is counted once, in the local hour it happened in; none is lost or doubled.
 */
@IntegrationTest
class DaylightSavingThroughputTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Autowired
    ApplicationContext context;

    @Autowired
    AnalyticsRepository analytics;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theDoubledHourKeepsBothOfItsCompletions() {
        Instant transition = BERLIN.getRules()
                .nextTransition(Instant.parse("2030-09-01T00:00:00Z"))
                .getInstant();
        LocalDate day = transition.atZone(BERLIN).toLocalDate();
        Department department = new Hospital(context).department(BERLIN);
        // 02:30 summer time, 02:30 winter time (an hour later in real time), and 03:30.
        List<Instant> completions =
                List.of(transition.minusSeconds(1800), transition.plusSeconds(1800), transition.plusSeconds(5400));
        int number = 1;
        for (Instant completed : completions) {
            jdbc.sql("""
                            INSERT INTO dqms.token (department_id, service_date, number, patient_name, phone, channel,
                                                    priority, status, joined_at, called_at, started_at, completed_at, ended_at)
                            VALUES (:department, :day, :number, 'Night', :phone, 'WEB', 'NORMAL', 'COMPLETED',
                                    :joined, :joined, :joined, :completed, :completed)
                            """)
                    .param("department", department.id())
                    .param("day", day)
                    .param("number", number)
                    .param("phone", "+91990000000" + number)
                    .param("joined", Timestamp.from(completed.minusSeconds(600)))
                    .param("completed", Timestamp.from(completed))
                    .update();
            number++;
        }

        var cells = analytics.throughput(department.id(), null, new DateRange(day, day));

        assertThat(cells.stream().mapToLong(c -> c.completed()).sum()).isEqualTo(3);
        assertThat(cells).anySatisfy(c -> {
            assertThat(c.hour()).isEqualTo(2);
            assertThat(c.completed()).isEqualTo(2);
        });
        assertThat(cells).anySatisfy(c -> {
            assertThat(c.hour()).isEqualTo(3);
            assertThat(c.completed()).isEqualTo(1);
        });
    }
}
