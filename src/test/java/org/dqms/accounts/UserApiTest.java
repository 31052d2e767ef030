package org.dqms.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.dqms.department.Department;
import org.dqms.department.DepartmentService;
import org.dqms.department.JsonApi;
import org.dqms.department.TestDepartments;
import org.dqms.doctor.Doctor;
import org.dqms.doctor.DoctorDetails;
import org.dqms.doctor.DoctorService;
import org.dqms.testing.ApiClient;
import org.dqms.testing.IntegrationTest;
import org.dqms.testing.SignInFailureRows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class UserApiTest {

    private static final String USERS = "/api/v1/users";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccountService accounts;

    @Autowired
    DepartmentService departments;

    @Autowired
    DoctorService doctors;

    private ApiClient admin;
    private JsonApi api;
    private JsonApi anonymous;
    private Department department;
    private final List<String> emails = new ArrayList<>();
    private final List<Long> createdDoctors = new ArrayList<>();
    private final List<Long> createdDepartments = new ArrayList<>();

    /** One audit row as stored, details as JSON text. */
    record AuditRow(String actor, String action, String details) {}

    @BeforeEach
    void setUp() {
        admin = ApiClient.asAdmin(port, accounts);
        api = new JsonApi(admin);
        anonymous = new JsonApi(port);
        department = TestDepartments.create(departments, "Users");
        createdDepartments.add(department.id());
    }

    @AfterEach
    void cleanUp() {
        for (String email : emails) {
            jdbc.sql("DELETE FROM dqms.audit_log WHERE target IN (SELECT 'account:' || id FROM dqms.app_user"
                            + " WHERE lower(email) = lower(:email))")
                    .param("email", email)
                    .update();
            jdbc.sql("DELETE FROM dqms.app_user WHERE lower(email) = lower(:email)")
                    .param("email", email)
                    .update();
            SignInFailureRows.forget(jdbc, email);
        }
        if (!createdDoctors.isEmpty()) {
            jdbc.sql("DELETE FROM dqms.doctor WHERE id IN (:ids)")
                    .param("ids", createdDoctors)
                    .update();
        }
        jdbc.sql("DELETE FROM dqms.department WHERE id IN (:ids)")
                .param("ids", createdDepartments)
                .update();
    }

    private String email(String who) {
        String email = TestAccounts.uniqueEmail(who);
        emails.add(email);
        return email;
    }

    private Map<String, Object> reception(String email) {
        Map<String, Object> body = new HashMap<>();
        body.put("email", email);
        body.put("name", "Meera Iyer");
        body.put("role", "RECEPTION");
        body.put("departmentIds", List.of(department.id()));
        body.put("password", TestAccounts.PASSWORD);
        return body;
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> changed = new HashMap<>(body);
        changed.put(field, value);
        return changed;
    }

    private JsonNode create(Map<String, Object> body) {
        JsonApi.Response response = api.post(USERS, body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private Doctor doctor() {
        Doctor doctor = doctors.create(
                TestAccounts.ADMIN, new DoctorDetails("Dr. Users", "Room 4", "", 10, Set.of(department.id())));
        createdDoctors.add(doctor.id());
        return doctor;
    }

    private List<AuditRow> audit(long accountId) {
        return jdbc.sql("SELECT actor, action, CAST(details AS text) AS details FROM dqms.audit_log"
                        + " WHERE target = :target ORDER BY id")
                .param("target", "account:" + accountId)
                .query((rows, n) ->
                        new AuditRow(rows.getString("actor"), rows.getString("action"), rows.getString("details")))
                .list();
    }

    private String adminActor() {
        return "staff:user-" + admin.account().id();
    }

    private JsonApi.Response signIn(String email) {
        return anonymous.post("/api/v1/auth/sign-in", Map.of("email", email, "password", TestAccounts.PASSWORD));
    }

    @Test
    void createAnswers201WithTheLocationOfTheNewAccountAndNoHash() {
        String email = email("meera");

        JsonApi.Response response = api.post(USERS, reception(email));

        assertThat(response.status()).isEqualTo(201);
        JsonNode user = response.json();
        long id = user.path("id").asLong();
        assertThat(response.location()).endsWith(USERS + "/" + id);
        assertThat(user.path("email").asString()).isEqualTo(email);
        assertThat(user.path("name").asString()).isEqualTo("Meera Iyer");
        assertThat(user.path("role").asString()).isEqualTo("RECEPTION");
        assertThat(user.path("departmentIds").valueStream().map(JsonNode::asLong))
                .containsExactly(department.id());
        assertThat(user.path("doctorId").asLong(0)).isZero();
        assertThat(user.path("enabled").asBoolean()).isTrue();
        assertThat(response.body().toLowerCase(Locale.ROOT)).doesNotContain("password", "hash", "bcrypt");

        JsonApi.Response read = api.get(response.location());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(user);
        assertThat(audit(id))
                .containsExactly(new AuditRow(adminActor(), "ACCOUNT_CREATED", "{\"role\": \"RECEPTION\"}"));
        assertThat(signIn(email).status()).isEqualTo(200);
    }

    @Test
    void listIsPagedAndFilteredByRole() {
        long first = create(reception(email("first"))).path("id").asLong();
        long second = create(reception(email("second"))).path("id").asLong();
        long receptionCount = jdbc.sql("SELECT count(*) FROM dqms.app_user WHERE role = 'RECEPTION'")
                .query(Long.class)
                .single();

        JsonNode receptionists = api.get(USERS + "?role=RECEPTION&size=100").json();
        JsonNode admins = api.get(USERS + "?role=ADMIN&size=100").json();
        JsonNode onePage = api.get(USERS + "?page=0&size=1").json();

        assertThat(receptionists.path("totalElements").asLong()).isEqualTo(receptionCount);
        assertThat(receptionists
                        .path("content")
                        .valueStream()
                        .map(u -> u.path("role").asString()))
                .containsOnly("RECEPTION");
        assertThat(receptionists
                        .path("content")
                        .valueStream()
                        .map(u -> u.path("id").asLong()))
                .contains(first, second);
        assertThat(admins.path("content").valueStream().map(u -> u.path("id").asLong()))
                .contains(admin.account().id())
                .doesNotContain(first, second);
        assertThat(onePage.path("content")).hasSize(1);
        assertThat(onePage.path("size").asInt()).isEqualTo(1);
        assertThat(onePage.path("totalPages").asLong())
                .isEqualTo(onePage.path("totalElements").asLong());
        assertThat(api.get(USERS + "?role=JANITOR").status()).isEqualTo(400);
        assertThat(api.get(USERS + "?size=101").status()).isEqualTo(400);
    }

    @Test
    void anUnknownAccountIs404ProblemDetails() {
        JsonApi.Response response = api.get(USERS + "/999999999");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("detail").asString()).isEqualTo("Account 999999999 does not exist");
        assertThat(api.put(USERS + "/999999999/role", Map.of("role", "ADMIN")).status())
                .isEqualTo(404);
        assertThat(api.put(USERS + "/999999999/enabled", Map.of("enabled", false))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aRoleThatIsNotAStaffRoleIsListed() {
        for (String role : new String[] {"JANITOR", "PATIENT", "admin"}) {
            JsonApi.Response response = api.post(USERS, with(reception(email("role")), "role", role));

            assertThat(response.status()).as(role).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.errorFields()).as(role).containsExactly("role");
        }
    }

    @Test
    void missingFieldsAreListed() {
        JsonApi.Response response = api.post(USERS, Map.of());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactlyInAnyOrder("email", "name", "role", "password");
    }

    @Test
    void receptionWithoutADepartmentIsABadRequest() {
        JsonApi.Response response = api.post(USERS, with(reception(email("nodept")), "departmentIds", List.of()));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("detail").asString())
                .isEqualTo("departmentIds: a reception account needs at least one department");
    }

    /** A null in the list was a NullPointerException, answered 500. */
    @Test
    void aNullDepartmentIdIsABadRequest() {
        JsonApi.Response response =
                api.post(USERS, with(reception(email("nulldept")), "departmentIds", java.util.Arrays.asList(1L, null)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.errorFields()).singleElement().asString().startsWith("departmentIds");
    }

    @Test
    void aWeakPasswordIsABadRequestThatDoesNotRepeatIt() {
        JsonApi.Response response = api.post(USERS, with(reception(email("weak")), "password", "password1234"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("detail").asString())
                .startsWith("password:")
                .doesNotContain("password1234");
    }

    @Test
    void aTakenEmailIs409WhateverItsCase() {
        String email = email("taken");
        create(reception(email));

        JsonApi.Response response = api.post(USERS, reception(email.toUpperCase(Locale.ROOT)));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("field").asString()).isEqualTo("email");
    }

    @Test
    void changingTheRoleChangesTheScopeAndIsAudited() {
        long id = create(reception(email("change"))).path("id").asLong();
        Doctor doctor = doctor();

        JsonApi.Response response =
                api.put(USERS + "/" + id + "/role", Map.of("role", "DOCTOR", "doctorId", doctor.id()));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode user = response.json();
        assertThat(user.path("role").asString()).isEqualTo("DOCTOR");
        assertThat(user.path("doctorId").asLong()).isEqualTo(doctor.id());
        assertThat(user.path("departmentIds")).isEmpty();
        assertThat(api.get(USERS + "/" + id).json()).isEqualTo(user);
        assertThat(audit(id))
                .contains(new AuditRow(adminActor(), "ROLE_CHANGED", "{\"to\": \"DOCTOR\", \"from\": \"RECEPTION\"}"));
    }

    @Test
    void aRoleChangeIsCheckedLikeANewAccount() {
        long id = create(reception(email("checked"))).path("id").asLong();

        JsonApi.Response noDepartment = api.put(USERS + "/" + id + "/role", Map.of("role", "RECEPTION"));
        JsonApi.Response noDoctor = api.put(USERS + "/" + id + "/role", Map.of("role", "DOCTOR"));
        JsonApi.Response patient = api.put(USERS + "/" + id + "/role", Map.of("role", "PATIENT"));

        assertThat(noDepartment.status()).isEqualTo(400);
        assertThat(noDepartment.json().path("detail").asString()).startsWith("departmentIds:");
        assertThat(noDoctor.status()).isEqualTo(400);
        assertThat(noDoctor.json().path("detail").asString()).startsWith("doctorId:");
        assertThat(patient.status()).isEqualTo(400);
        assertThat(patient.errorFields()).containsExactly("role");
        assertThat(api.get(USERS + "/" + id).json().path("role").asString()).isEqualTo("RECEPTION");
        assertThat(audit(id)).extracting(AuditRow::action).containsExactly("ACCOUNT_CREATED");
    }

    @Test
    void aPatientsAccountCannotBecomeStaff() {
        UserAccount patient =
                accounts.signUpPatient(TestAccounts.ADMIN, "Ravi Kumar", null, email("patient"), TestAccounts.PASSWORD);

        JsonApi.Response response = api.put(USERS + "/" + patient.id() + "/role", Map.of("role", "ADMIN"));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("title").asString()).isEqualTo("Patient account");
        assertThat(accounts.find(patient.id()).orElseThrow().role()).isEqualTo(Role.PATIENT);
    }

    @Test
    void aDisabledAccountCannotSignInUntilEnabledAgain() {
        String email = email("disabled");
        long id = create(reception(email)).path("id").asLong();

        JsonApi.Response disabled = api.put(USERS + "/" + id + "/enabled", Map.of("enabled", false));

        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().path("enabled").asBoolean()).isFalse();
        assertThat(signIn(email).status()).isEqualTo(401);

        JsonApi.Response enabled = api.put(USERS + "/" + id + "/enabled", Map.of("enabled", true));

        assertThat(enabled.json().path("enabled").asBoolean()).isTrue();
        assertThat(signIn(email).status()).isEqualTo(200);
        assertThat(audit(id))
                .filteredOn(row -> row.action().startsWith("ACCOUNT_"))
                .containsExactly(
                        new AuditRow(adminActor(), "ACCOUNT_CREATED", "{\"role\": \"RECEPTION\"}"),
                        new AuditRow(adminActor(), "ACCOUNT_DISABLED", "{}"),
                        new AuditRow(adminActor(), "ACCOUNT_ENABLED", "{}"));
    }

    @Test
    void aDisabledAccountsRefreshTokenStopsWorking() {
        String email = email("refresh");
        long id = create(reception(email)).path("id").asLong();
        String first = signIn(email).json().path("refreshToken").asString();
        JsonApi.Response refreshed = anonymous.post("/api/v1/auth/refresh", Map.of("refreshToken", first));
        assertThat(refreshed.status()).isEqualTo(200);
        String second = refreshed.json().path("refreshToken").asString();

        assertThat(api.put(USERS + "/" + id + "/enabled", Map.of("enabled", false))
                        .status())
                .isEqualTo(200);

        JsonApi.Response refused = anonymous.post("/api/v1/auth/refresh", Map.of("refreshToken", second));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
    }

    /** A refresh token copied before the account was disabled must not come back with it. */
    @Test
    void enablingAnAccountAgainBringsBackNoSessionFromBeforeItWasDisabled() {
        String email = email("sessions");
        long id = create(reception(email)).path("id").asLong();
        String unused = signIn(email).json().path("refreshToken").asString();
        String rotated = anonymous
                .post(
                        "/api/v1/auth/refresh",
                        Map.of(
                                "refreshToken",
                                signIn(email).json().path("refreshToken").asString()))
                .json()
                .path("refreshToken")
                .asString();

        assertThat(api.put(USERS + "/" + id + "/enabled", Map.of("enabled", false))
                        .status())
                .isEqualTo(200);
        assertThat(api.put(USERS + "/" + id + "/enabled", Map.of("enabled", true))
                        .status())
                .isEqualTo(200);

        for (String token : List.of(unused, rotated)) {
            JsonApi.Response refused = anonymous.post("/api/v1/auth/refresh", Map.of("refreshToken", token));
            assertThat(refused.status()).isEqualTo(401);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM dqms.refresh_token WHERE user_id = :id AND revoked_at IS NULL")
                        .param("id", id)
                        .query(Long.class)
                        .single())
                .isZero();
        String fresh = signIn(email).json().path("refreshToken").asString();
        assertThat(anonymous
                        .post("/api/v1/auth/refresh", Map.of("refreshToken", fresh))
                        .status())
                .isEqualTo(200);
    }

    /** A refresh issues what the account is now: a changed scope needs no revocation. */
    @Test
    void aRefreshAfterAScopeChangeCarriesTheNewScope() {
        String email = email("scope");
        long id = create(reception(email)).path("id").asLong();
        String refreshToken = signIn(email).json().path("refreshToken").asString();
        Department other = TestDepartments.create(departments, "Users other");
        createdDepartments.add(other.id());

        assertThat(api.put(
                                USERS + "/" + id + "/role",
                                Map.of("role", "RECEPTION", "departmentIds", List.of(other.id())))
                        .status())
                .isEqualTo(200);
        JsonApi.Response refreshed = anonymous.post("/api/v1/auth/refresh", Map.of("refreshToken", refreshToken));

        assertThat(refreshed.status()).isEqualTo(200);
        JsonNode claims = claims(refreshed.json().path("accessToken").asString());
        assertThat(claims.path("role").asString()).isEqualTo("RECEPTION");
        assertThat(claims.path("departmentIds").toString()).isEqualTo("[" + other.id() + "]");
    }

    private static JsonNode claims(String accessToken) {
        String payload = accessToken.split("\\.")[1];
        return tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(new String(
                        java.util.Base64.getUrlDecoder().decode(payload), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void anotherAdministratorCanBeDemotedAndDisabled() {
        Map<String, Object> body = with(reception(email("second-admin")), "role", "ADMIN");
        body.remove("departmentIds");
        long id = create(body).path("id").asLong();

        assertThat(api.put(USERS + "/" + id + "/enabled", Map.of("enabled", false))
                        .status())
                .isEqualTo(200);
        JsonApi.Response demoted = api.put(
                USERS + "/" + id + "/role", Map.of("role", "RECEPTION", "departmentIds", List.of(department.id())));
        assertThat(demoted.status()).isEqualTo(200);
        assertThat(demoted.json().path("role").asString()).isEqualTo("RECEPTION");
    }

    @Test
    void theLastEnabledAdministratorCannotBeDisabledOrDemoted() {
        long self = admin.account().id();
        // Every other administrator this shared database holds steps aside for the test.
        List<Long> others = jdbc.sql("SELECT id FROM dqms.app_user WHERE role = 'ADMIN' AND enabled AND id <> :self")
                .param("self", self)
                .query(Long.class)
                .list();
        setEnabled(others, false);
        try {
            JsonApi.Response disable = api.put(USERS + "/" + self + "/enabled", Map.of("enabled", false));
            JsonApi.Response demote = api.put(
                    USERS + "/" + self + "/role",
                    Map.of("role", "RECEPTION", "departmentIds", List.of(department.id())));

            for (JsonApi.Response refused : List.of(disable, demote)) {
                assertThat(refused.status()).isEqualTo(409);
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.json().path("title").asString()).isEqualTo("Last administrator");
            }
            JsonNode unchanged = api.get(USERS + "/" + self).json();
            assertThat(unchanged.path("role").asString()).isEqualTo("ADMIN");
            assertThat(unchanged.path("enabled").asBoolean()).isTrue();
            assertThat(audit(self)).extracting(AuditRow::action).doesNotContain("ROLE_CHANGED", "ACCOUNT_DISABLED");
        } finally {
            setEnabled(others, true);
        }
    }

    private void setEnabled(List<Long> ids, boolean enabled) {
        if (!ids.isEmpty()) {
            jdbc.sql("UPDATE dqms.app_user SET enabled = :enabled WHERE id IN (:ids)")
                    .param("enabled", enabled)
                    .param("ids", ids)
                    .update();
        }
    }
}
