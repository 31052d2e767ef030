package org.dqms.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;
import org.dqms.department.Department;
import org.dqms.department.DepartmentDetails;
import org.dqms.department.DepartmentPrefix;
import org.dqms.department.DepartmentService;
import org.dqms.testing.FormSession;
import org.dqms.testing.FormSession.Page;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The staff accounts' admin pages: creating an account, and the policy's refusals as messages. */
@IntegrationTest
class StaffPagesTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    DepartmentService departments;

    @Autowired
    JdbcClient jdbc;

    private FormSession admin;
    private Department department;
    private String tag;

    @BeforeEach
    void setUp() {
        tag = UUID.randomUUID().toString().substring(0, 8);
        String email = "page-admin-" + tag + "@hospital.example";
        accounts.createStaff(
                TestAccounts.ADMIN, email, "Page Admin", Role.ADMIN, Set.of(), null, TestAccounts.PASSWORD);
        admin = FormSession.signIn(port, email, TestAccounts.PASSWORD);
        String prefix =
                "X" + tag.replaceAll("[^a-f]", "").toUpperCase().concat("ABCD").substring(0, 4);
        department = departments.create(
                TestAccounts.ADMIN,
                new DepartmentDetails(
                        "Front desk " + tag, new DepartmentPrefix(prefix), ZoneId.of("Asia/Kolkata"), 100, 30));
    }

    @AfterEach
    void cleanUp() {
        // Accounts made here, then their department; sign-in leaves refresh tokens that go with them.
        jdbc.sql("DELETE FROM dqms.app_user WHERE email LIKE :pattern")
                .param("pattern", "%" + tag + "%")
                .update();
        departments.delete(TestAccounts.ADMIN, department.id());
    }

    @Test
    void aReceptionAccountCreatedWithTheFormCanSignIn() {
        String email = "reception-" + tag + "@hospital.example";
        Page form = admin.get("/admin/users/new");
        assertThat(form.body()).contains(department.name());

        Page answer = admin.submit(
                form,
                "/admin/users",
                "name",
                "Ritu Sharma",
                "email",
                email,
                "role",
                "RECEPTION",
                "departmentIds",
                Long.toString(department.id()),
                "doctorId",
                "",
                "password",
                TestAccounts.PASSWORD);

        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.location()).endsWith("/admin/users?created");
        assertThat(admin.get("/admin/users").body()).contains(email).contains("Ritu Sharma");
        FormSession reception = FormSession.signIn(port, email, TestAccounts.PASSWORD);
        assertThat(reception.get("/admin").status()).isEqualTo(403);
    }

    @Test
    void aWeakPasswordIsRefusedWithAReadableMessageAndNoAccount() {
        String email = "weak-" + tag + "@hospital.example";

        Page answer = admin.submit(
                admin.get("/admin/users/new"),
                "/admin/users",
                "name",
                "Kiran Joshi",
                "email",
                email,
                "role",
                "ADMIN",
                "password",
                "password1234");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body())
                .contains("This password is too common.")
                .contains("id=\"password-error\"")
                .contains("value=\"" + email + "\"")
                .doesNotContain("password1234");
        assertThat(emailCount(email)).isZero();
    }

    @Test
    void aTakenEmailIsAConflict() {
        String email = "twice-" + tag + "@hospital.example";
        accounts.createStaff(TestAccounts.ADMIN, email, "First", Role.ADMIN, Set.of(), null, TestAccounts.PASSWORD);

        Page answer = admin.submit(
                admin.get("/admin/users/new"),
                "/admin/users",
                "name",
                "Second",
                "email",
                email.toUpperCase(),
                "role",
                "ADMIN",
                "password",
                TestAccounts.PASSWORD);

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.body()).contains("An account with this email already exists.");
    }

    @Test
    void aReceptionAccountNeedsADepartment() {
        Page answer = admin.submit(
                admin.get("/admin/users/new"),
                "/admin/users",
                "name",
                "No Desk",
                "email",
                "nodesk-" + tag + "@hospital.example",
                "role",
                "RECEPTION",
                "password",
                TestAccounts.PASSWORD);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("A reception account needs at least one existing department.");
    }

    private long emailCount(String email) {
        return jdbc.sql("SELECT count(*) FROM dqms.app_user WHERE lower(email) = lower(:email)")
                .param("email", email)
                .query(Long.class)
                .single();
    }
}
