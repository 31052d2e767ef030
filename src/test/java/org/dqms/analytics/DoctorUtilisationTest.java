package org.dqms.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.dqms.analytics.DepartmentAnalytics.DoctorUtilisation;
import org.dqms.department.Department;
import org.dqms.doctor.Doctor;
import org.dqms.doctor.DoctorDetails;
import org.dqms.doctor.DoctorService;
import org.dqms.doctor.DutyStatus;
import org.dqms.platform.Actor;
import org.dqms.testing.Hospital;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Time in consultation ÷ time on duty, over exact duty stretches and consultations. The department is
 * in Asia/Kolkata, so 2 March 2026 local is 1 March 18:30 to 2 March 18:30 UTC.
 */
@IntegrationTest
class DoctorUtilisationTest {

    private static final DateRange MARCH_2 =
            new DateRange(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-02"));
    private static final Instant LATER = Instant.parse("2026-03-10T00:00:00Z");

    // Test data only: duty stretches and consultations at chosen times in the past.
    private static final String INSERT_STRETCH = """
            INSERT INTO dqms.doctor_duty_period (doctor_id, started_at, ended_at) VALUES (:doctor, :from, :to)
            """;

    private static final String INSERT_CONSULTATION = """
            INSERT INTO dqms.token (department_id, service_date, number, patient_name, phone, channel, priority,
                                    status, doctor_id, joined_at, called_at, started_at, completed_at, ended_at)
            VALUES (:department, CAST(:started AS date), :number, 'Patient', :phone, 'WEB', 'NORMAL', 'COMPLETED',
                    :doctor, :started, :started, :started, :completed, :completed)
            """;

    private static final String STRETCHES = """
            SELECT count(*) FILTER (WHERE ended_at IS NULL) || ' open, '
                   || count(*) FILTER (WHERE ended_at IS NOT NULL) || ' ended'
              FROM dqms.doctor_duty_period WHERE doctor_id = :doctor
            """;

    @Autowired
    ApplicationContext context;

    @Autowired
    AnalyticsRepository analytics;

    @Autowired
    DoctorService doctors;

    @Autowired
    JdbcClient jdbc;

    private Department department;
    private Doctor busy;
    private Doctor idle;
    private int number;

    @BeforeEach
    void twoDoctorsWithoutHistory() {
        Hospital hospital = new Hospital(context);
        department = hospital.department();
        busy = hospital.doctor(department);
        idle = hospital.doctor(department);
        jdbc.sql("DELETE FROM dqms.doctor_duty_period WHERE doctor_id IN (:ids)")
                .param("ids", List.of(busy.id(), idle.id()))
                .update();
    }

    @Test
    void consultationTimeOverDutyTimeWithinTheLocalDays() {
        // 120 min of a stretch that began the evening before, 240 min in the morning, and an open
        // stretch from 23:00 local that the day's end cuts at 60 min: 420 min on duty.
        stretch(busy, "2026-03-01T16:30:00Z", "2026-03-01T20:30:00Z");
        stretch(busy, "2026-03-02T03:30:00Z", "2026-03-02T07:30:00Z");
        stretch(busy, "2026-03-02T17:30:00Z", null);
        // 15 of a consultation across the day's start, then 30 and 60: 105 min; the next day's does not count.
        consultation(busy, "2026-03-01T18:15:00Z", "2026-03-01T18:45:00Z");
        consultation(busy, "2026-03-02T04:00:00Z", "2026-03-02T04:30:00Z");
        consultation(busy, "2026-03-02T05:00:00Z", "2026-03-02T06:00:00Z");
        consultation(busy, "2026-03-02T19:00:00Z", "2026-03-02T20:00:00Z");

        List<DoctorUtilisation> figures = analytics.utilisation(department.id(), null, MARCH_2, LATER);

        assertThat(figures).extracting(DoctorUtilisation::doctorId).containsExactlyInAnyOrder(busy.id(), idle.id());
        DoctorUtilisation mine = of(figures, busy);
        assertThat(mine.onDutyMinutes()).isEqualByComparingTo("420.0");
        assertThat(mine.consultationMinutes()).isEqualByComparingTo("105.0");
        assertThat(mine.utilisation()).isEqualByComparingTo("0.250");
        DoctorUtilisation none = of(figures, idle);
        assertThat(none.onDutyMinutes()).isEqualByComparingTo("0");
        assertThat(none.utilisation()).isNull();
    }

    @Test
    void anOpenStretchCountsUntilNowAndADoctorFilterKeepsOne() {
        stretch(busy, "2026-03-02T03:30:00Z", null);
        consultation(busy, "2026-03-02T04:00:00Z", "2026-03-02T04:45:00Z");

        List<DoctorUtilisation> figures =
                analytics.utilisation(department.id(), busy.id(), MARCH_2, Instant.parse("2026-03-02T05:00:00Z"));

        assertThat(figures).hasSize(1);
        assertThat(figures.get(0).onDutyMinutes()).isEqualByComparingTo("90.0");
        assertThat(figures.get(0).utilisation()).isEqualByComparingTo("0.500");
    }

    @Test
    void theShortDayOfASpringForwardHasTwentyThreeHours() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Department night = new Hospital(context).department(berlin);
        Doctor doctor = new Hospital(context).doctor(night);
        jdbc.sql("DELETE FROM dqms.doctor_duty_period WHERE doctor_id = :id")
                .param("id", doctor.id())
                .update();
        // On duty from Saturday noon to Monday noon; Sunday 29 March 2026 has 23 hours in Berlin.
        stretch(doctor, "2026-03-28T11:00:00Z", "2026-03-30T10:00:00Z");
        LocalDate sunday = LocalDate.parse("2026-03-29");

        List<DoctorUtilisation> figures = analytics.utilisation(
                night.id(), null, new DateRange(sunday, sunday), Instant.parse("2026-06-01T00:00:00Z"));

        assertThat(of(figures, doctor).onDutyMinutes()).isEqualByComparingTo(String.valueOf(23 * 60));
    }

    @Test
    void aDoctorWhoHasSinceLeftTheDepartmentIsStillCountedForTheDaysTheyServedIt() {
        stretch(busy, "2026-03-02T03:30:00Z", "2026-03-02T07:30:00Z");
        consultation(busy, "2026-03-02T04:00:00Z", "2026-03-02T05:00:00Z");
        Department elsewhere = new Hospital(context).department();
        doctors.update(
                Actor.staff("test"),
                busy.id(),
                new DoctorDetails(
                        busy.name(),
                        busy.room(),
                        busy.specialization(),
                        busy.consultationMinutes(),
                        Set.of(elsewhere.id())));

        List<DoctorUtilisation> figures = analytics.utilisation(department.id(), null, MARCH_2, LATER);

        // The consultation is in this department's waits and throughput of the day, and its doctor here.
        assertThat(figures).extracting(DoctorUtilisation::doctorId).containsExactlyInAnyOrder(busy.id(), idle.id());
        assertThat(of(figures, busy).onDutyMinutes()).isEqualByComparingTo("240.0");
        assertThat(of(figures, busy).utilisation()).isEqualByComparingTo("0.250");
        assertThat(analytics.utilisation(department.id(), busy.id(), MARCH_2, LATER))
                .extracting(DoctorUtilisation::doctorId)
                .containsExactly(busy.id());
        // Another day, without their tokens: only the department's doctors of now.
        assertThat(analytics.utilisation(
                        department.id(),
                        null,
                        new DateRange(LocalDate.parse("2026-03-03"), LocalDate.parse("2026-03-03")),
                        LATER))
                .extracting(DoctorUtilisation::doctorId)
                .containsExactly(idle.id());
    }

    @Test
    void dutyChangesOpenAndEndStretches() {
        doctors.setDutyStatus(Actor.staff("test"), busy.id(), DutyStatus.ON_DUTY);
        doctors.setDutyStatus(Actor.staff("test"), busy.id(), DutyStatus.ON_DUTY);
        assertThat(stretches(busy)).isEqualTo("1 open, 0 ended");

        doctors.setDutyStatus(Actor.staff("test"), busy.id(), DutyStatus.ON_BREAK);
        doctors.setDutyStatus(Actor.staff("test"), busy.id(), DutyStatus.OFF_DUTY);
        assertThat(stretches(busy)).isEqualTo("0 open, 1 ended");

        doctors.setDutyStatus(Actor.staff("test"), busy.id(), DutyStatus.ON_DUTY);
        assertThat(stretches(busy)).isEqualTo("1 open, 1 ended");
    }

    private String stretches(Doctor doctor) {
        return jdbc.sql(STRETCHES)
                .param("doctor", doctor.id())
                .query(String.class)
                .single();
    }

    private static DoctorUtilisation of(List<DoctorUtilisation> figures, Doctor doctor) {
        return figures.stream()
                .filter(f -> f.doctorId() == doctor.id())
                .findFirst()
                .orElseThrow();
    }

    private void stretch(Doctor doctor, String from, String to) {
        jdbc.sql(INSERT_STRETCH)
                .param("doctor", doctor.id())
                .param("from", Timestamp.from(Instant.parse(from)))
                .param("to", to == null ? null : Timestamp.from(Instant.parse(to)), java.sql.Types.TIMESTAMP)
                .update();
    }

    private void consultation(Doctor doctor, String started, String completed) {
        number++;
        jdbc.sql(INSERT_CONSULTATION)
                .param("department", department.id())
                .param("number", number)
                .param("phone", "+9198" + String.format("%08d", doctor.id() * 100 + number))
                .param("doctor", doctor.id())
                .param("started", Timestamp.from(Instant.parse(started)))
                .param("completed", Timestamp.from(Instant.parse(completed)))
                .update();
    }
}
