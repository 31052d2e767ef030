package org.dqms.live;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.dqms.department.Department;
import org.dqms.testing.EventStream;
import org.dqms.testing.Hospital;
import org.dqms.testing.RunningApp;
import org.dqms.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one database, as behind a load balancer: the boards on each turn closed and open
 * at the department's closing and opening times. Nothing is written or notified then, so each
 * instance must turn its own boards, whichever instance last read or changed the hours.
 */
class OpenStateOnTwoInstancesTest {

    @Test
    void boardsOnBothInstancesTurnAtTheClosingAndOpeningTimes() {
        try (TestPostgres postgres = TestPostgres.start()) {
            postgres.createDatabase("dqms");
            Map<String, String> variables =
                    Map.of("DATABASE_URL", postgres.url("postgres", null, "dqms", "sslmode=disable"));
            try (RunningApp a = RunningApp.start(variables);
                    RunningApp b = RunningApp.start(variables)) {
                Hospital hospital = new Hospital(a.context());
                Department department = hospital.department(Hospital.zoneAwayFromMidnight());
                try (EventStream onA = board(a, department);
                        EventStream onB = board(b, department)) {
                    OpenStateByTheClockTest.closeBrieflyAndWatch(hospital, department, List.of(onA, onB));
                }
            }
        }
    }

    private static EventStream board(RunningApp app, Department department) {
        return EventStream.open(URI.create(app.baseUrl() + "/api/v1/live/departments/" + department.id()));
    }
}
