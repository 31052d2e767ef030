package org.dqms.department;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dqms.accounts.AccountService;
import org.dqms.accounts.Role;
import org.dqms.accounts.UserAccount;
import org.dqms.platform.Actor;
import org.dqms.testing.ApiClient;
import org.dqms.testing.FormSession;
import org.dqms.testing.FormSession.Page;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The departments' admin pages: forms in, departments and hours out, and refusals that save nothing. */
@IntegrationTest
class DepartmentPagesTest {

    private static final Actor SETUP = Actor.staff("test-setup");

    @LocalServerPort
    int port;

    @Autowired
    DepartmentService departments;

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    private FormSession admin;
    private final List<Long> created = new ArrayList<>();

    @BeforeEach
    void signIn() {
        String email = ApiClient.asAdmin(port, accounts).account().email();
        admin = FormSession.signIn(port, email, ApiClient.PASSWORD);
    }

    @AfterEach
    void cleanUp() {
        created.forEach(id -> departments.delete(SETUP, id));
    }

    @Test
    void aDepartmentCreatedWithTheFormIsListedAndStored() {
        String prefix = prefix();
        Page form = admin.get("/admin/departments/new");
        assertThat(form.status()).isEqualTo(200);

        Page answer = admin.submit(
                form,
                "/admin/departments",
                "name",
                "Cardiology " + prefix,
                "prefix",
                prefix,
                "timeZone",
                "Asia/Kolkata",
                "dailyCapacity",
                "120",
                "targetWaitMinutes",
                "25");

        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.location()).matches(".*/admin/departments/\\d+\\?created");
        long id = Long.parseLong(answer.location().replaceAll(".*/admin/departments/(\\d+).*", "$1"));
        created.add(id);
        Department stored = departments.get(id);
        assertThat(stored.name()).isEqualTo("Cardiology " + prefix);
        assertThat(stored.prefix().value()).isEqualTo(prefix);
        assertThat(stored.dailyCapacity()).isEqualTo(120);
        assertThat(stored.targetWaitMinutes()).isEqualTo(25);
        assertThat(admin.get("/admin/departments").body()).contains("Cardiology " + prefix);
        assertThat(admin.get(answer.location()).body()).contains("The department was created.");
    }

    @Test
    void aBadPrefixIsRefusedWithItsMessageAndNothingIsCreated() {
        String name = "Dermatology " + prefix();
        Page form = admin.get("/admin/departments/new");

        Page answer = admin.submit(form, "/admin/departments", details(name, "derm1"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body())
                .contains("Enter 2 to 6 capital letters A to Z")
                .contains("id=\"prefix-error\"")
                .contains("aria-invalid=\"true\"")
                .contains("value=\"" + name + "\"")
                .contains("value=\"derm1\"");
        assertThat(departments.all()).extracting(Department::name).doesNotContain(name);
    }

    @Test
    void aTimeZonePostgresqlDoesNotKnowIsRefusedAndNotSuggested() {
        String name = "Dermatology " + prefix();
        Page form = admin.get("/admin/departments/new");
        assertThat(form.body()).contains("<option value=\"Asia/Kolkata\">").doesNotContain("SystemV/");

        Page answer = admin.submit(
                form,
                "/admin/departments",
                "name",
                name,
                "prefix",
                prefix(),
                "timeZone",
                "SystemV/AST4",
                "dailyCapacity",
                "100",
                "targetWaitMinutes",
                "30");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("Enter a time zone from the list").contains("id=\"timeZone-error\"");
        assertThat(departments.all()).extracting(Department::name).doesNotContain(name);
    }

    @Test
    void aTakenPrefixIsAConflict() {
        Department existing = department();
        Page form = admin.get("/admin/departments/new");

        Page answer = admin.submit(
                form,
                "/admin/departments",
                details("Another " + prefix(), existing.prefix().value()));

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.body()).contains("Another department already has this prefix.");
    }

    @Test
    void editingChangesTheDetails() {
        Department department = department();
        Page page = admin.get("/admin/departments/" + department.id());

        Page answer = admin.submit(
                page,
                "/admin/departments/" + department.id(),
                "name",
                department.name() + " East",
                "prefix",
                department.prefix().value(),
                "timeZone",
                "Europe/Berlin",
                "dailyCapacity",
                "50",
                "targetWaitMinutes",
                "15");

        assertThat(answer.status()).isEqualTo(302);
        Department changed = departments.get(department.id());
        assertThat(changed.name()).isEqualTo(department.name() + " East");
        assertThat(changed.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(changed.dailyCapacity()).isEqualTo(50);
    }

    @Test
    void weeklyHoursAreSetWithTwoSessionsAndOverlapsAreRefused() {
        Department department = department();
        String path = "/admin/departments/" + department.id();
        Page page = admin.get(path);

        Page saved = admin.submit(
                page,
                path + "/hours",
                "MONDAY-opens1",
                "08:00",
                "MONDAY-closes1",
                "12:00",
                "MONDAY-opens2",
                "14:00",
                "MONDAY-closes2",
                "17:30",
                "SATURDAY-opens1",
                "09:00",
                "SATURDAY-closes1",
                "13:00");

        assertThat(saved.status()).isEqualTo(302);
        WeeklyHours hours = departments.get(department.id()).hours();
        assertThat(hours.on(DayOfWeek.MONDAY))
                .containsExactly(OpeningTime.of("08:00", "12:00"), OpeningTime.of("14:00", "17:30"));
        assertThat(hours.on(DayOfWeek.SATURDAY)).containsExactly(OpeningTime.of("09:00", "13:00"));
        assertThat(hours.on(DayOfWeek.SUNDAY)).isEmpty();

        Page refused = admin.submit(
                admin.get(path),
                path + "/hours",
                "TUESDAY-opens1",
                "08:00",
                "TUESDAY-closes1",
                "12:00",
                "TUESDAY-opens2",
                "11:00",
                "TUESDAY-closes2",
                "15:00");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("The two sessions overlap or touch").contains("value=\"11:00\"");
        assertThat(departments.get(department.id()).hours()).isEqualTo(hours);
    }

    @Test
    void aSessionPastMidnightIsRefusedWithHowToEnterIt() {
        Department department = department();
        String path = "/admin/departments/" + department.id();

        Page refused =
                admin.submit(admin.get(path), path + "/hours", "FRIDAY-opens1", "20:00", "FRIDAY-closes1", "02:00");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body())
                .contains("For hours past midnight, close this day at 23:59 and open the next day at 00:00.")
                .contains("value=\"20:00\"")
                .contains("value=\"02:00\"");
        assertThat(departments.get(department.id()).hours().days()).isEmpty();
    }

    @Test
    void savingTheFormKeepsSessionsItDidNotChangeAndTheClosedDates() {
        Department department = department();
        String path = "/admin/departments/" + department.id();
        LocalDate holiday = LocalDate.of(2031, 1, 26);
        List<OpeningTime> monday = List.of(
                OpeningTime.of("00:00", "02:00"), OpeningTime.of("08:00", "12:00"), OpeningTime.of("13:00", "23:59"));
        departments.setHours(
                SETUP,
                department.id(),
                WeeklyHours.weekly(List.of(DayOfWeek.MONDAY), monday).closedOn(holiday, "Republic Day"));

        Page page = admin.get(path);
        List<String> fields = hoursFormFields(page.body());
        assertThat(fields).containsSequence("MONDAY-opens3", "13:00", "MONDAY-closes3", "23:59");
        fields.addAll(List.of("TUESDAY-opens1", "09:00", "TUESDAY-closes1", "13:00"));
        Page saved = admin.submit(page, path + "/hours", fields.toArray(String[]::new));

        assertThat(saved.status()).isEqualTo(302);
        WeeklyHours hours = departments.get(department.id()).hours();
        assertThat(hours.on(DayOfWeek.MONDAY)).containsExactlyElementsOf(monday);
        assertThat(hours.on(DayOfWeek.TUESDAY)).containsExactly(OpeningTime.of("09:00", "13:00"));
        assertThat(hours.closedDates()).containsEntry(holiday, "Republic Day");
    }

    /** The hours form's filled-in fields as a browser sends them, name then value. */
    private static List<String> hoursFormFields(String body) {
        int start = body.indexOf("id=\"hours\"");
        String form = body.substring(start, body.indexOf("</form>", start));
        Matcher input = Pattern.compile("<input[^>]*?name=\"([^\"]+)\"[^>]*?value=\"([^\"]*)\"")
                .matcher(form);
        List<String> fields = new ArrayList<>();
        while (input.find()) {
            if (!input.group(2).isEmpty() && !input.group(1).equals("_csrf")) {
                fields.add(input.group(1));
                fields.add(input.group(2));
            }
        }
        return fields;
    }

    @Test
    void aDateIsClosedWithAReasonAndReopened() {
        Department department = department();
        String path = "/admin/departments/" + department.id();
        LocalDate holiday = LocalDate.of(2031, 1, 26);

        Page closed =
                admin.submit(admin.get(path), path + "/closed", "date", holiday.toString(), "reason", "Republic Day");

        assertThat(closed.status()).isEqualTo(302);
        assertThat(departments.get(department.id()).hours().closedDates()).containsEntry(holiday, "Republic Day");
        Page page = admin.get(path);
        assertThat(page.body()).contains("Republic Day");

        Page reopened = admin.submit(page, path + "/closed/" + holiday + "/reopen");

        assertThat(reopened.status()).isEqualTo(302);
        assertThat(departments.get(department.id()).hours().closedDates()).isEmpty();
    }

    @Test
    void aNewPrefixWhilePatientsWaitIsRefusedNextToTheField() {
        Department department = department();
        jdbc.sql("""
                        INSERT INTO dqms.token (department_id, service_date, number, patient_name, phone, channel,
                                                priority, status, joined_at)
                        VALUES (:id, current_date, 1, 'Test Patient', '+919800000004', 'WEB', 'NORMAL', 'WAITING', now())
                        """).param("id", department.id()).update();
        String path = "/admin/departments/" + department.id();
        String typed = prefix();

        Page refused = admin.submit(admin.get(path), path, details(department.name(), typed));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body())
                .contains("Patients in the queue hold tokens with the present prefix. Change it once the queue is"
                        + " empty.")
                .contains("value=\"" + typed + "\"");
        assertThat(departments.get(department.id()).prefix()).isEqualTo(department.prefix());
        jdbc.sql("DELETE FROM dqms.token WHERE department_id = :id")
                .param("id", department.id())
                .update();
    }

    @Test
    void aDateThatHasPassedIsNotClosedAndThePageKeepsWhatWasTyped() {
        Department department = department();
        String path = "/admin/departments/" + department.id();
        LocalDate today = department.today(java.time.Instant.now());
        LocalDate yesterday = today.minusDays(1);

        Page refused =
                admin.submit(admin.get(path), path + "/closed", "date", yesterday.toString(), "reason", "Wrong year");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body())
                .contains("This date has passed. Enter today (" + today + ") or a later date.")
                .contains("value=\"" + yesterday + "\"")
                .contains("value=\"Wrong year\"");
        assertThat(departments.get(department.id()).hours().closedDates()).isEmpty();

        Page closedToday = admin.submit(admin.get(path), path + "/closed", "date", today.toString(), "reason", "");
        assertThat(closedToday.status()).isEqualTo(302);
        assertThat(departments.get(department.id()).hours().closedDates()).containsOnlyKeys(today);
    }

    @Test
    void theOnlyDepartmentOfAReceptionAccountIsNotDeletedAndThePageSaysWhy() {
        Department department = department();
        UserAccount reception = accounts.createStaff(
                SETUP,
                "desk-" + department.prefix().value().toLowerCase(java.util.Locale.ROOT) + "@hospital.example",
                "Desk Reception",
                Role.RECEPTION,
                Set.of(department.id()),
                null,
                ApiClient.PASSWORD);
        try {
            Page page = admin.get("/admin/departments/" + department.id());

            Page answer = admin.submit(page, "/admin/departments/" + department.id() + "/delete");

            assertThat(answer.status()).isEqualTo(409);
            assertThat(answer.body())
                    .contains("Some reception accounts work only for this department. Give them another department"
                            + " first.");
            assertThat(departments.find(department.id())).isPresent();
        } finally {
            jdbc.sql("DELETE FROM dqms.app_user WHERE id = :id")
                    .param("id", reception.id())
                    .update();
        }
    }

    @Test
    void aDepartmentWithAnAppointmentIsNotDeletedAndThePageSaysItIsTheAppointment() {
        Department department = department();
        long plan = jdbc.sql("""
                        INSERT INTO dqms.booking_plan (department_id, slot_minutes, capacity_per_slot,
                                                       walk_in_share_percent, horizon_days)
                        VALUES (:id, 15, 1, 0, 30) RETURNING id
                        """).param("id", department.id()).query(Long.class).single();
        jdbc.sql("""
                        INSERT INTO dqms.appointment (plan_id, department_id, starts_at, ends_at, patient_name, phone,
                                                      status, created_at)
                        VALUES (:plan, :id, now() + interval '1 day', now() + interval '1 day 15 minutes',
                                'Test Patient', '+919800000005', 'BOOKED', now())
                        """).param("plan", plan).param("id", department.id()).update();
        try {
            Page answer = admin.submit(
                    admin.get("/admin/departments/" + department.id()),
                    "/admin/departments/" + department.id() + "/delete");

            assertThat(answer.status()).isEqualTo(409);
            assertThat(answer.body())
                    .contains("This department has appointments, which are the record of who booked")
                    .doesNotContain("This department has tokens");
            assertThat(departments.find(department.id())).isPresent();
        } finally {
            jdbc.sql("DELETE FROM dqms.appointment WHERE department_id = :id")
                    .param("id", department.id())
                    .update();
        }
    }

    @Test
    void anUnknownDepartmentIsTheNotFoundPage() {
        Page answer = admin.get("/admin/departments/987654321");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body()).contains("<html").doesNotContain("\"status\"");
    }

    private Department department() {
        String prefix = prefix();
        Department department = departments.create(
                SETUP,
                new DepartmentDetails(
                        "Ward " + prefix, new DepartmentPrefix(prefix), ZoneId.of("Asia/Kolkata"), 100, 30));
        created.add(department.id());
        return department;
    }

    /** The details form's fields in Kolkata, with a capacity of 100 and a target wait of 30 minutes. */
    private static String[] details(String name, String prefix) {
        return new String[] {
            "name",
            name,
            "prefix",
            prefix,
            "timeZone",
            "Asia/Kolkata",
            "dailyCapacity",
            "100",
            "targetWaitMinutes",
            "30"
        };
    }

    /** "Z" and four random letters: other tests' prefixes start with other letters. */
    static String prefix() {
        StringBuilder prefix = new StringBuilder("Z");
        for (int i = 0; i < 4; i++) {
            prefix.append((char) ('A' + ThreadLocalRandom.current().nextInt(26)));
        }
        return prefix.toString();
    }
}
