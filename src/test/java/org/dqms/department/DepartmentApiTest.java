package org.dqms.department;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.dqms.accounts.AccountService;
import org.dqms.accounts.Role;
import org.dqms.accounts.UserAccount;
import org.dqms.testing.ApiClient;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class DepartmentApiTest {

    private static final String DEPARTMENTS = "/api/v1/departments";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccountService accounts;

    private JsonApi api;
    private final List<Long> created = new ArrayList<>();
    private final List<Long> createdAccounts = new ArrayList<>();

    @BeforeEach
    void setUp() {
        api = new JsonApi(ApiClient.asAdmin(port, accounts));
    }

    @AfterEach
    void cleanUp() {
        if (!createdAccounts.isEmpty()) {
            jdbc.sql("DELETE FROM dqms.app_user WHERE id IN (:ids)")
                    .param("ids", createdAccounts)
                    .update();
        }
        TestDepartments.deleteWithTokens(jdbc, created);
    }

    private static Map<String, Object> body(String name, String prefix) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("prefix", prefix);
        body.put("timeZone", "Asia/Kolkata");
        body.put("dailyCapacity", 200);
        body.put("targetWaitMinutes", 30);
        return body;
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = body(TestDepartments.uniqueName("Ward"), TestDepartments.uniquePrefix());
        body.put(field, value);
        return body;
    }

    private JsonNode create(String name) {
        JsonApi.Response response = api.post(DEPARTMENTS, body(name, TestDepartments.uniquePrefix()));
        assertThat(response.status()).isEqualTo(201);
        created.add(response.json().path("id").asLong());
        return response.json();
    }

    private boolean hasHours(long id) {
        return !api.get(DEPARTMENTS + "/" + id + "/hours").json().path("days").isEmpty();
    }

    @Test
    void createAnswers201WithTheLocationOfTheNewDepartment() {
        String name = TestDepartments.uniqueName("Radiology");
        String prefix = TestDepartments.uniquePrefix();

        JsonApi.Response response = api.post(DEPARTMENTS, body(name, prefix));

        assertThat(response.status()).isEqualTo(201);
        JsonNode department = response.json();
        long id = department.path("id").asLong();
        created.add(id);
        assertThat(response.location()).endsWith(DEPARTMENTS + "/" + id);
        assertThat(department.path("name").asString()).isEqualTo(name);
        assertThat(department.path("prefix").asString()).isEqualTo(prefix);
        assertThat(department.path("timeZone").asString()).isEqualTo("Asia/Kolkata");
        assertThat(department.path("dailyCapacity").asInt()).isEqualTo(200);
        assertThat(department.path("targetWaitMinutes").asInt()).isEqualTo(30);

        JsonApi.Response read = api.get(response.location());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(department);
    }

    @Test
    void listIsPagedAndFilteredByName() {
        String tag = TestDepartments.uniquePrefix();
        create(tag + " Clinic C");
        create(tag + " Clinic A");
        create(tag + " Clinic B");

        JsonNode first = api.get(DEPARTMENTS + "?name=" + tag.toLowerCase(Locale.ROOT) + "&size=2")
                .json();
        JsonNode second =
                api.get(DEPARTMENTS + "?name=" + tag + "&size=2&page=1").json();

        assertThat(first.path("content").valueStream().map(d -> d.path("name").asString()))
                .containsExactly(tag + " Clinic A", tag + " Clinic B");
        assertThat(first.path("totalElements").asLong()).isEqualTo(3);
        assertThat(first.path("totalPages").asLong()).isEqualTo(2);
        assertThat(first.path("page").asInt()).isZero();
        assertThat(first.path("size").asInt()).isEqualTo(2);
        assertThat(second.path("content").valueStream().map(d -> d.path("name").asString()))
                .containsExactly(tag + " Clinic C");
    }

    @Test
    void listWithoutAFilterShowsAllDepartments() {
        JsonNode mine = create(TestDepartments.uniqueName("Ward"));
        long total = jdbc.sql("SELECT count(*) FROM dqms.department")
                .query(Long.class)
                .single();

        JsonNode page = api.get(DEPARTMENTS + "?size=100").json();

        assertThat(page.path("totalElements").asLong()).isEqualTo(total);
        assertThat(page.path("content").valueStream().map(d -> d.path("id").asLong()))
                .contains(mine.path("id").asLong());
    }

    @Test
    void aPageSizeOutOfRangeIsABadRequest() {
        assertThat(api.get(DEPARTMENTS + "?size=0").status()).isEqualTo(400);
        assertThat(api.get(DEPARTMENTS + "?size=101").status()).isEqualTo(400);
        assertThat(api.get(DEPARTMENTS + "?page=-1").status()).isEqualTo(400);
    }

    @Test
    void putUpdatesTheDepartment() {
        long id = create(TestDepartments.uniqueName("Ward")).path("id").asLong();
        String name = TestDepartments.uniqueName("Renamed ward");
        String prefix = TestDepartments.uniquePrefix();
        Map<String, Object> changed = body(name, prefix);
        changed.put("timeZone", "Europe/Berlin");
        changed.put("dailyCapacity", 50);
        changed.put("targetWaitMinutes", 15);

        JsonApi.Response response = api.put(DEPARTMENTS + "/" + id, changed);

        assertThat(response.status()).isEqualTo(200);
        JsonNode read = api.get(DEPARTMENTS + "/" + id).json();
        assertThat(read).isEqualTo(response.json());
        assertThat(read.path("name").asString()).isEqualTo(name);
        assertThat(read.path("prefix").asString()).isEqualTo(prefix);
        assertThat(read.path("timeZone").asString()).isEqualTo("Europe/Berlin");
        assertThat(read.path("dailyCapacity").asInt()).isEqualTo(50);
        assertThat(read.path("targetWaitMinutes").asInt()).isEqualTo(15);
    }

    @Test
    void deleteAnswers204AndTheDepartmentIsGone() {
        long id = create(TestDepartments.uniqueName("Ward")).path("id").asLong();

        assertThat(api.delete(DEPARTMENTS + "/" + id).status()).isEqualTo(204);
        assertThat(api.get(DEPARTMENTS + "/" + id).status()).isEqualTo(404);
    }

    @Test
    void aDepartmentWithTokensCannotBeDeleted() {
        long id = create(TestDepartments.uniqueName("Ward")).path("id").asLong();
        jdbc.sql("""
                        INSERT INTO dqms.token (department_id, service_date, number, patient_name, phone, channel,
                                                priority, status, joined_at)
                        VALUES (:id, current_date, 1, 'Test Patient', '+919800000002', 'WEB', 'NORMAL',
                                'COMPLETED', now())
                        """).param("id", id).update();

        JsonApi.Response response = api.delete(DEPARTMENTS + "/" + id);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("title").asString()).isEqualTo("Department has tokens");
        assertThat(api.get(DEPARTMENTS + "/" + id).status()).isEqualTo(200);
    }

    @Test
    void theOnlyDepartmentOfAReceptionAccountCannotBeDeletedUntilItHasAnother() {
        long only = create(TestDepartments.uniqueName("Ward")).path("id").asLong();
        long other = create(TestDepartments.uniqueName("Ward")).path("id").asLong();
        UserAccount lonely = reception(only);
        UserAccount sharing = reception(only, other);

        JsonApi.Response refused = api.delete(DEPARTMENTS + "/" + only);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("title").asString()).isEqualTo("Department has reception accounts");
        assertThat(refused.json().path("detail").asString())
                .isEqualTo("Department " + only + " is the only department of reception accounts [" + lonely.id()
                        + "]; give them another department first.");
        assertThat(refused.json().path("accountIds").toString()).isEqualTo("[" + lonely.id() + "]");
        assertThat(api.get(DEPARTMENTS + "/" + only).status()).isEqualTo(200);
        assertThat(accounts.find(lonely.id()).orElseThrow().departmentIds()).containsExactly(only);

        JsonApi.Response moved = api.put(
                "/api/v1/users/" + lonely.id() + "/role", Map.of("role", "RECEPTION", "departmentIds", List.of(other)));
        assertThat(moved.status()).isEqualTo(200);

        assertThat(api.delete(DEPARTMENTS + "/" + only).status()).isEqualTo(204);
        assertThat(accounts.find(lonely.id()).orElseThrow().departmentIds()).containsExactly(other);
        assertThat(accounts.find(sharing.id()).orElseThrow().departmentIds()).containsExactly(other);
    }

    /** A disabled account may be enabled again, and needs a department then too. */
    @Test
    void aDisabledReceptionAccountKeepsItsOnlyDepartmentToo() {
        long only = create(TestDepartments.uniqueName("Ward")).path("id").asLong();
        UserAccount lonely = reception(only);
        assertThat(api.put("/api/v1/users/" + lonely.id() + "/enabled", Map.of("enabled", false))
                        .status())
                .isEqualTo(200);

        assertThat(api.delete(DEPARTMENTS + "/" + only).status()).isEqualTo(409);
    }

    private UserAccount reception(Long... departmentIds) {
        UserAccount account = accounts.createStaff(
                TestDepartments.ADMIN,
                "reception-" + java.util.UUID.randomUUID() + "@hospital.example",
                "Desk Reception",
                Role.RECEPTION,
                Set.of(departmentIds),
                null,
                ApiClient.PASSWORD);
        createdAccounts.add(account.id());
        return account;
    }

    @Test
    void missingFieldsAreListed() {
        JsonApi.Response response = api.post(DEPARTMENTS, Map.of());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.errorFields())
                .containsExactlyInAnyOrder("name", "prefix", "timeZone", "dailyCapacity", "targetWaitMinutes");
    }

    @Test
    void aPrefixThatIsNotTwoToSixCapitalLettersIsListed() {
        for (String prefix : new String[] {"opd", "O", "CARDIOL", "OP1"}) {
            JsonApi.Response response = api.post(DEPARTMENTS, with("prefix", prefix));

            assertThat(response.status()).as(prefix).isEqualTo(400);
            assertThat(response.errorFields()).as(prefix).containsExactly("prefix");
        }
    }

    @Test
    void aTimeZoneThatIsNotAnIanaZoneIsListed() {
        for (String zone : new String[] {"Mars/Olympus", "+05:30", "IST", ""}) {
            JsonApi.Response response = api.post(DEPARTMENTS, with("timeZone", zone));

            assertThat(response.status()).as(zone).isEqualTo(400);
            assertThat(response.errorFields()).as(zone).containsExactly("timeZone");
        }
    }

    /** Java knows it, PostgreSQL does not: every local day and hour of the department would fail. */
    @Test
    void aTimeZonePostgresqlDoesNotKnowIsRefused() {
        long id = create(TestDepartments.uniqueName("Ward")).path("id").asLong();
        Map<String, Object> changed = with("timeZone", "SystemV/AST4");

        for (JsonApi.Response response : List.of(
                api.post(DEPARTMENTS, with("timeZone", "SystemV/AST4")), api.put(DEPARTMENTS + "/" + id, changed))) {
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.errorFields()).containsExactly("timeZone");
        }
        assertThat(api.get(DEPARTMENTS + "/" + id).json().path("timeZone").asString())
                .isEqualTo("Asia/Kolkata");
    }

    /** The zones suggested and accepted are the same, and the database knows every one of them. */
    @Test
    void everySuggestedTimeZoneIsOnePostgresqlKnows() {
        List<String> unknown = jdbc.sql("""
                        SELECT zone FROM unnest(CAST(:zones AS text[])) AS zone
                         WHERE NOT EXISTS (SELECT 1 FROM pg_timezone_names n WHERE n.name = zone)
                        """)
                .param("zones", DepartmentEditPage.TIME_ZONES.toArray(String[]::new))
                .query(String.class)
                .list();

        assertThat(DepartmentEditPage.TIME_ZONES).contains("Asia/Kolkata", "Europe/Berlin", "UTC");
        assertThat(unknown).isEmpty();
    }

    @Test
    void capacityAndTargetWaitMustBePositive() {
        JsonApi.Response capacity = api.post(DEPARTMENTS, with("dailyCapacity", 0));
        JsonApi.Response wait = api.post(DEPARTMENTS, with("targetWaitMinutes", -5));

        assertThat(capacity.status()).isEqualTo(400);
        assertThat(capacity.errorFields()).containsExactly("dailyCapacity");
        assertThat(wait.status()).isEqualTo(400);
        assertThat(wait.errorFields()).containsExactly("targetWaitMinutes");
    }

    @Test
    void anUnknownDepartmentIs404ProblemDetails() {
        JsonApi.Response response = api.get(DEPARTMENTS + "/999999999");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("title").asString()).isEqualTo("Not found");
        assertThat(response.json().path("detail").asString()).isEqualTo("Department 999999999 does not exist");
        assertThat(api.put(DEPARTMENTS + "/999999999", with("name", "Nowhere")).status())
                .isEqualTo(404);
        assertThat(api.delete(DEPARTMENTS + "/999999999").status()).isEqualTo(404);
        assertThat(api.get(DEPARTMENTS + "/999999999/hours").status()).isEqualTo(404);
    }

    @Test
    void aTakenPrefixOrNameIs409() {
        JsonNode existing = create(TestDepartments.uniqueName("Ward"));

        JsonApi.Response samePrefix = api.post(
                DEPARTMENTS,
                body(TestDepartments.uniqueName("Ward"), existing.path("prefix").asString()));
        JsonApi.Response sameName =
                api.post(DEPARTMENTS, body(existing.path("name").asString(), TestDepartments.uniquePrefix()));

        assertThat(samePrefix.status()).isEqualTo(409);
        assertThat(samePrefix.contentType()).startsWith("application/problem+json");
        assertThat(samePrefix.json().path("field").asString()).isEqualTo("prefix");
        assertThat(sameName.status()).isEqualTo(409);
        assertThat(sameName.json().path("field").asString()).isEqualTo("name");
    }

    @Test
    void hoursAreReadAsTheyWereWritten() {
        long id = create(TestDepartments.uniqueName("Ward")).path("id").asLong();
        String hours = """
                {"days": {"MONDAY": [{"opens": "13:00", "closes": "17:00"}, {"opens": "08:00", "closes": "12:00"}],
                          "SATURDAY": [{"opens": "09:00", "closes": "12:30"}]},
                 "closedDates": {"2031-12-25": "Christmas"}}
                """;

        JsonApi.Response written = api.put(DEPARTMENTS + "/" + id + "/hours", hours);
        JsonApi.Response read = api.get(DEPARTMENTS + "/" + id + "/hours");

        assertThat(written.status()).isEqualTo(200);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(written.json());
        assertThat(read.json()).isEqualTo(JsonApi.parse("""
                                {"days": {"MONDAY": [{"opens": "08:00", "closes": "12:00"},
                                                     {"opens": "13:00", "closes": "17:00"}],
                                          "SATURDAY": [{"opens": "09:00", "closes": "12:30"}]},
                                 "closedDates": {"2031-12-25": "Christmas"}}
                                """));
    }

    @Test
    void overlappingIntervalsOnOneDayAreABadRequest() {
        long id = create(TestDepartments.uniqueName("Ward")).path("id").asLong();
        String overlapping = """
                {"days": {"MONDAY": [{"opens": "08:00", "closes": "12:00"}, {"opens": "11:00", "closes": "17:00"}]}}
                """;

        JsonApi.Response response = api.put(DEPARTMENTS + "/" + id + "/hours", overlapping);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("detail").asString()).contains("MONDAY", "overlap");
        assertThat(response.errorFields()).containsExactly("days[MONDAY][1]");
        assertThat(hasHours(id)).isFalse();
    }

    @Test
    void touchingIntervalsAndAnIntervalPastMidnightAreRefusedNamingTheInterval() {
        long id = create(TestDepartments.uniqueName("Ward")).path("id").asLong();

        JsonApi.Response touching = api.put(DEPARTMENTS + "/" + id + "/hours", """
                {"days": {"FRIDAY": [{"opens": "14:00", "closes": "18:00"}, {"opens": "09:00", "closes": "14:00"}]}}
                """);
        JsonApi.Response overnight = api.put(DEPARTMENTS + "/" + id + "/hours", """
                {"days": {"SUNDAY": [{"opens": "22:00", "closes": "06:00"}]}}""");
        JsonApi.Response zeroLength = api.put(DEPARTMENTS + "/" + id + "/hours", """
                {"days": {"SUNDAY": [{"opens": "09:00", "closes": "09:00"}]}}""");

        assertThat(touching.status()).isEqualTo(400);
        assertThat(touching.errorFields()).containsExactly("days[FRIDAY][1]");
        assertThat(touching.json().path("errors").path(0).path("message").asString())
                .contains("days[FRIDAY][0]");
        assertThat(overnight.status()).isEqualTo(400);
        assertThat(overnight.errorFields()).containsExactly("days[SUNDAY][0].closes");
        assertThat(overnight.json().path("errors").path(0).path("message").asString())
                .contains("00:00");
        assertThat(zeroLength.status()).isEqualTo(400);
        assertThat(zeroLength.errorFields()).containsExactly("days[SUNDAY][0].closes");
        assertThat(hasHours(id)).isFalse();
    }

    @Test
    void valuesOfTheWrongKindAreRefusedNamingTheFieldAndWhatItTakes() {
        long id = create(TestDepartments.uniqueName("Ward")).path("id").asLong();

        JsonApi.Response time = api.put(DEPARTMENTS + "/" + id + "/hours", """
                {"days": {"MONDAY": [{"opens": "08:00", "closes": "17:00"}, {"opens": "8 pm", "closes": "23:00"}]}}
                """);
        JsonApi.Response day = api.put(DEPARTMENTS + "/" + id + "/hours", """
                {"days": {"FUNDAY": [{"opens": "08:00", "closes": "17:00"}]}}""");
        JsonApi.Response date = api.put(DEPARTMENTS + "/" + id + "/hours", """
                {"closedDates": {"2031-12-25": "Christmas", "25/12/2032": "Christmas"}}""");
        JsonApi.Response capacity = api.post(DEPARTMENTS, with("dailyCapacity", "many"));

        assertThat(time.status()).isEqualTo(400);
        assertThat(time.contentType()).startsWith("application/problem+json");
        assertThat(time.errorFields()).containsExactly("days[MONDAY][1].opens");
        assertThat(time.json().path("detail").asString())
                .isEqualTo("days[MONDAY][1].opens must be a time of day as HH:mm, from 00:00 to 23:59, e.g. 08:30.");
        assertThat(day.status()).isEqualTo(400);
        assertThat(day.errorFields()).containsExactly("days");
        assertThat(date.status()).isEqualTo(400);
        assertThat(date.errorFields()).containsExactly("closedDates");
        assertThat(capacity.status()).isEqualTo(400);
        assertThat(capacity.errorFields()).containsExactly("dailyCapacity");
        assertThat(capacity.json().path("errors").path(0).path("message").asString())
                .isEqualTo("must be a whole number");
        assertThat(hasHours(id)).isFalse();
    }

    @Test
    void aClosedDateThatHasPassedIsRefusedUnlessItIsStoredAlready() {
        long id = create(TestDepartments.uniqueName("Ward")).path("id").asLong();
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Kolkata"));
        LocalDate lastYear = today.minusYears(1);
        jdbc.sql("INSERT INTO dqms.closed_date (department_id, closed_on, reason) VALUES (:id, :date, 'Flood')")
                .param("id", id)
                .param("date", lastYear)
                .update();
        String path = DEPARTMENTS + "/" + id + "/hours";

        JsonApi.Response past = api.put(
                path,
                Map.of(
                        "days",
                        Map.of(),
                        "closedDates",
                        Map.of(today.minusDays(1).toString(), "Typo")));
        JsonApi.Response kept = api.put(
                path,
                Map.of(
                        "days",
                        Map.of(),
                        "closedDates",
                        Map.of(lastYear.toString(), "Flood", today.toString(), "Strike")));

        assertThat(past.status()).isEqualTo(400);
        assertThat(past.contentType()).startsWith("application/problem+json");
        assertThat(past.errorFields()).containsExactly("closedDates[" + today.minusDays(1) + "]");
        assertThat(kept.status()).isEqualTo(200);
        assertThat(kept.json().path("closedDates").propertyNames())
                .containsExactlyInAnyOrder(lastYear.toString(), today.toString());
    }

    @Test
    void malformedHoursAreABadRequest() {
        long id = create(TestDepartments.uniqueName("Ward")).path("id").asLong();

        assertThat(api.put(DEPARTMENTS + "/" + id + "/hours", """
                        {"days": {"MONDAY": [{"opens": "12:00", "closes": "08:00"}]}}""").status()).isEqualTo(400);
        assertThat(api.put(DEPARTMENTS + "/" + id + "/hours", """
                        {"days": {"FUNDAY": [{"opens": "08:00", "closes": "12:00"}]}}""").status()).isEqualTo(400);
        assertThat(api.put(DEPARTMENTS + "/" + id + "/hours", """
                        {"days": {"MONDAY": [{"opens": "8 am", "closes": "12:00"}]}}""").status()).isEqualTo(400);
        JsonApi.Response missingClose = api.put(DEPARTMENTS + "/" + id + "/hours", """
                        {"days": {"MONDAY": [{"opens": "08:00"}]}}""");
        assertThat(missingClose.status()).isEqualTo(400);
        assertThat(missingClose.errorFields()).singleElement().asString().endsWith("closes");
        assertThat(api.put(DEPARTMENTS + "/" + id + "/hours", "{}").errorFields())
                .containsExactly("days");
    }
}
