package org.dqms.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.dqms.testing.RunningApp;
import org.dqms.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The harness's set-up and measured requests against a running dqms on a real PostgreSQL: the
 * hospital the seeder makes through the API, the queues the stock fills in SQL, and the join, the
 * position lookup and the doctors' cycle as the load generator sends them. A change of the API or the
 * schema that the harness does not follow fails here, instead of showing in the next run as refusals,
 * errors or a correctness FAIL.
 */
class HarnessOnDqmsTest {

    private static TestPostgres postgres;
    private static Database database;
    private static RunningApp app;
    private static DqmsClient client;
    private static Seeder seeder;
    private static Stock stock;

    @BeforeAll
    static void start() throws Exception {
        postgres = TestPostgres.start();
        postgres.createDatabase(Database.NAME);
        String url = postgres.url("postgres", null, Database.NAME, "sslmode=disable");
        database = Database.connect(url);
        String adminPassword = Seeder.password();
        Path passwordFile = Files.createTempFile(Path.of("target").toAbsolutePath(), "bench-admin-", ".txt");
        Files.writeString(passwordFile, adminPassword);
        app = RunningApp.start(Map.of(
                "DATABASE_URL", url,
                "DQMS_BOOTSTRAP_ADMIN_EMAIL", Installation.ADMIN_EMAIL,
                "DQMS_BOOTSTRAP_ADMIN_PASSWORD_FILE", passwordFile.toString()));
        Files.delete(passwordFile);
        client = new DqmsClient(URI.create(app.baseUrl()), 4);
        seeder = new Seeder(client, client.signIn(Installation.ADMIN_EMAIL, adminPassword));
        stock = new Stock(database);
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (app != null) {
            app.close();
        }
        if (database != null) {
            database.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void theSeededHospitalIsOpenAllDayWithDoctorsOnDutySignedIn() throws Exception {
        List<Long> departments = seeder.departments("seeded", 2);
        List<Long> doctors = seeder.doctors("seeded", 3, departments);
        List<Seeder.Doctor> accounts = seeder.accounts(doctors, departments);

        for (long department : departments) {
            assertThat(database.scalar("SELECT time_zone FROM dqms.department WHERE id = " + department))
                    .isEqualTo(seeder.timeZone());
            assertThat(database.rows("SELECT weekday, opens_at, closes_at FROM dqms.opening_hours WHERE department_id = "
                            + department))
                    .hasSize(7)
                    .allSatisfy(day -> assertThat(day.subList(1, 3)).containsExactly("00:00:00", "23:59:00"));
        }
        for (int i = 0; i < doctors.size(); i++) {
            assertThat(database.rows("SELECT d.duty_status, dd.department_id FROM dqms.doctor d "
                            + "JOIN dqms.doctor_department dd ON dd.doctor_id = d.id WHERE d.id = " + doctors.get(i)))
                    .containsExactly(List.of("ON_DUTY", String.valueOf(departments.get(i % 2))));
        }
        assertThat(accounts).extracting(Seeder.Doctor::id).containsExactlyElementsOf(doctors);
        for (Seeder.Doctor doctor : accounts) {
            assertThat(doctor.departmentId()).isEqualTo(departments.get(doctors.indexOf(doctor.id()) % 2));
            // Signed in as this doctor: nobody waits yet, which only a doctor on duty may be told.
            assertThat(client.send("POST", "/api/v1/doctors/" + doctor.id() + "/call-next", null, doctor.bearer(), null)
                            .join()
                            .status())
                    .isEqualTo(204);
        }
    }

    @Test
    void stockedPatientsAreNumberedOnFromTheJoinsAndShownWithTheirPlace() throws Exception {
        List<Long> departments = seeder.departments("stock", 2);
        AtomicLong patients = new AtomicLong();
        OpenModelLoad.Operation join = Operations.join(client, departments, patients);
        assertThat(join.start().join()).as("a join through the API").isTrue();

        assertThat(stock.topUp(departments, 4)).isEqualTo(3 + 4);
        assertThat(stock.topUp(departments, 4)).as("queues already at depth").isZero();
        assertThat(join.start().join()).isTrue();
        assertThat(join.start().join()).isTrue();

        assertThat(numbers(departments.get(0))).containsExactly("1", "2", "3", "4", "5");
        assertThat(numbers(departments.get(1))).containsExactly("1", "2", "3", "4", "5");
        assertThat(new Correctness(database).check("after the top-up")).isEmpty();

        List<String> links = stock.links(departments);
        assertThat(links).hasSize(10).doesNotHaveDuplicates();
        assertThat(database.number("SELECT count(*) FROM bench.position_link")).isEqualTo(10);
        for (String link : links) {
            assertThat(Operations.position(client, List.of(link)).start().join())
                    .as("position of " + link)
                    .isTrue();
        }
    }

    @Test
    void theDoctorsCycleCallsInOrderAndTheNextCallCompletes() throws Exception {
        List<Long> departments = seeder.departments("cycle", 1);
        List<Seeder.Doctor> doctors = seeder.accounts(seeder.doctors("cycle", 2, departments), departments);
        stock.topUp(departments, 3);
        Operations.DoctorPool pool = new Operations.DoctorPool(doctors);
        Correctness correctness = new Correctness(database);
        Operations.CallCounts counts = new Operations.CallCounts();
        OpenModelLoad.Operation callNext = Operations.callNext(client, pool, correctness, counts);

        for (int call = 1; call <= 3; call++) {
            assertThat(callNext.start().join()).as("call " + call).isTrue();
            assertThat(pool.awaitIdle(2, 30_000)).as("the consultation started").isTrue();
        }
        assertThat(callNext.start().join()).as("nobody left").isFalse();

        // The first doctor took 1, the second 2, the first again 3 (completing 1), then the second
        // completed 2 and found nobody.
        assertThat(database.rows("SELECT number, status FROM dqms.token WHERE department_id = " + departments.get(0)
                        + " ORDER BY number"))
                .containsExactly(
                        List.of("1", "COMPLETED"), List.of("2", "COMPLETED"), List.of("3", "IN_CONSULTATION"));
        assertThat(correctness.callsSeen()).isEqualTo(3);
        assertThat(counts.empty).hasValue(1);
        assertThat(counts.conflict).hasValue(0);
        assertThat(counts.other).hasValue(0);
        assertThat(counts.consultationFailures).hasValue(0);
        assertThat(correctness.check("after the cycle")).isEmpty();
    }

    private static List<String> numbers(long department) throws SQLException {
        return database
                .rows("SELECT number FROM dqms.token WHERE department_id = " + department + " ORDER BY number")
                .stream()
                .map(row -> row.get(0))
                .toList();
    }
}
