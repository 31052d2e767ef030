package org.dqms.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dqms.accounts.TestAccounts.ADMIN;
import static org.dqms.accounts.TestAccounts.PASSWORD;
import static org.dqms.accounts.TestAccounts.uniqueEmail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.dqms.department.Department;
import org.dqms.department.DepartmentService;
import org.dqms.department.TestDepartments;
import org.dqms.doctor.Doctor;
import org.dqms.doctor.DoctorDetails;
import org.dqms.doctor.DoctorService;
import org.dqms.platform.Actor;
import org.dqms.platform.ConflictException;
import org.dqms.testing.IntegrationTest;
import org.dqms.testing.SignInFailureRows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class AccountServiceTest {

    private static final String IP = "203.0.113.7";

    @Autowired
    AccountService accounts;

    @Autowired
    AccountSettings settings;

    @Autowired
    DepartmentService departments;

    @Autowired
    DoctorService doctors;

    @Autowired
    JdbcClient jdbc;

    private final List<String> emails = new ArrayList<>();
    private final List<Long> createdDoctors = new ArrayList<>();
    private final List<Long> createdDepartments = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        for (String email : emails) {
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
        if (!createdDepartments.isEmpty()) {
            jdbc.sql("DELETE FROM dqms.department WHERE id IN (:ids)")
                    .param("ids", createdDepartments)
                    .update();
        }
    }

    private String email(String who) {
        String email = uniqueEmail(who);
        emails.add(email);
        return email;
    }

    private UserAccount patient(String email) {
        return accounts.signUpPatient(Actor.SYSTEM, "Asha Rao", "+919812345678", email, PASSWORD);
    }

    private Department department() {
        Department department = TestDepartments.create(departments, "Accounts");
        createdDepartments.add(department.id());
        return department;
    }

    private Doctor doctor() {
        Doctor doctor = doctors.create(
                ADMIN,
                new DoctorDetails(
                        "Dr. Test", "Room 9", "", 10, Set.of(department().id())));
        createdDoctors.add(doctor.id());
        return doctor;
    }

    @Test
    void settingsHaveTheirDefaults() {
        assertThat(settings.minPasswordLength()).isEqualTo(12);
        assertThat(settings.maxFailedSignIns()).isEqualTo(5);
        assertThat(settings.lockout()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void aPatientSignsUpAndSignsIn() {
        String email = email("asha");

        UserAccount created = patient(email);

        assertThat(created.role()).isEqualTo(Role.PATIENT);
        assertThat(created.phone()).isEqualTo("+919812345678");
        assertThat(created.name()).isEqualTo("Asha Rao");
        assertThat(accounts.find(created.id())).contains(created);
        assertThat(accounts.authenticate(email.toUpperCase(Locale.ROOT), PASSWORD, IP))
                .isEqualTo(new SignInResult.SignedIn(created));
    }

    @Test
    void thePasswordIsStoredAsABcryptHash() {
        UserAccount created = patient(email("hash"));

        String hash = jdbc.sql("SELECT password_hash FROM dqms.app_user WHERE id = :id")
                .param("id", created.id())
                .query(String.class)
                .single();
        assertThat(hash).startsWith("{bcrypt}$2").doesNotContain(PASSWORD);
    }

    @Test
    void anEmailIsTakenWhateverItsCase() {
        String email = email("twice");
        patient(email);

        assertThatThrownBy(() -> patient(email.toUpperCase(Locale.ROOT)))
                .isInstanceOf(ConflictException.class)
                .hasMessage("An account with this email already exists.");
        assertThatThrownBy(() ->
                        accounts.createStaff(ADMIN, " " + email + " ", "Someone", Role.ADMIN, Set.of(), null, PASSWORD))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void signUpChecksThePasswordPolicy() {
        String email = email("weak");

        assertThatThrownBy(() -> accounts.signUpPatient(Actor.SYSTEM, "Asha Rao", null, email, "Password123!"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("password: is too common");
        assertThatThrownBy(() -> accounts.signUpPatient(Actor.SYSTEM, "Asha Rao", null, email, "short"))
                .hasMessageStartingWith("password: must be at least 12");
        assertThat(jdbc.sql("SELECT count(*) FROM dqms.app_user WHERE lower(email) = lower(:email)")
                        .param("email", email)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void signUpChecksEmailNameAndPhone() {
        assertThatThrownBy(() -> accounts.signUpPatient(Actor.SYSTEM, "Asha", null, "not-an-email", PASSWORD))
                .hasMessageStartingWith("email: ");
        assertThatThrownBy(() -> accounts.signUpPatient(Actor.SYSTEM, " ", null, email("noname"), PASSWORD))
                .hasMessageStartingWith("name: ");
        assertThatThrownBy(() -> accounts.signUpPatient(Actor.SYSTEM, "Asha", "98123 45678", email("phone"), PASSWORD))
                .hasMessageStartingWith("phone: ");
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailGetTheSameAnswer() {
        String email = email("known");
        patient(email);

        SignInResult wrongPassword = accounts.authenticate(email, "violet-tractor-minus-lagoons", IP);
        SignInResult unknownEmail = accounts.authenticate(email("unknown"), PASSWORD, IP);

        assertThat(wrongPassword).isEqualTo(new SignInResult.Refused());
        assertThat(unknownEmail).isEqualTo(new SignInResult.Refused());
    }

    @Test
    void anUnknownEmailTakesAboutAsLongAsAWrongPassword() {
        String email = email("timing");
        patient(email);
        accounts.authenticate(email("warm-up"), PASSWORD, IP);

        long known = time(() -> accounts.authenticate(email, "violet-tractor-minus-lagoons", IP));
        long unknown = time(() -> accounts.authenticate(email("nobody"), PASSWORD, IP));

        // Both check one bcrypt hash (tens of milliseconds); without the dummy check, unknown is ~1 ms.
        assertThat(unknown).isGreaterThan(known / 3);
    }

    private static long time(Runnable action) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 2; i++) {
            long start = System.nanoTime();
            action.run();
            best = Math.min(best, System.nanoTime() - start);
        }
        return best;
    }

    @Test
    void repeatedFailuresLockTheAccountEvenForTheRightPassword() {
        String email = email("locked");
        patient(email);

        for (int i = 1; i < settings.maxFailedSignIns(); i++) {
            assertThat(accounts.authenticate(email, "wrong-password-" + i, IP)).isEqualTo(new SignInResult.Refused());
        }
        SignInResult last = accounts.authenticate(email, "wrong-password-last", IP);
        SignInResult rightButLocked = accounts.authenticate(email, PASSWORD, IP);

        assertThat(last).isEqualTo(new SignInResult.LockedOut(settings.lockout()));
        assertThat(rightButLocked)
                .isInstanceOfSatisfying(
                        SignInResult.LockedOut.class,
                        locked -> assertThat(locked.retryAfter())
                                .isBetween(settings.lockout().minusMinutes(1), settings.lockout()));
    }

    @Test
    void anUnknownEmailLocksTheSameWay() {
        String email = email("ghost");

        for (int i = 1; i < settings.maxFailedSignIns(); i++) {
            assertThat(accounts.authenticate(email, PASSWORD, IP)).isEqualTo(new SignInResult.Refused());
        }

        assertThat(accounts.authenticate(email, PASSWORD, IP))
                .isEqualTo(new SignInResult.LockedOut(settings.lockout()));
        assertThat(accounts.authenticate(email.toUpperCase(Locale.ROOT), PASSWORD, IP))
                .isInstanceOf(SignInResult.LockedOut.class);
    }

    @Test
    void aSuccessForgetsEarlierFailures() {
        String email = email("forgetful");
        patient(email);
        for (int i = 1; i < settings.maxFailedSignIns(); i++) {
            accounts.authenticate(email, "wrong-password-" + i, IP);
        }

        assertThat(accounts.authenticate(email, PASSWORD, IP)).isInstanceOf(SignInResult.SignedIn.class);

        for (int i = 1; i < settings.maxFailedSignIns(); i++) {
            assertThat(accounts.authenticate(email, "wrong-password-" + i, IP)).isEqualTo(new SignInResult.Refused());
        }
        assertThat(accounts.authenticate(email, PASSWORD, IP)).isInstanceOf(SignInResult.SignedIn.class);
    }

    @Test
    void failuresOfOneEmailDoNotLockAnother() {
        String locked = email("one");
        String other = email("other");
        patient(other);
        for (int i = 0; i < settings.maxFailedSignIns(); i++) {
            accounts.authenticate(locked, PASSWORD, IP);
        }

        assertThat(accounts.authenticate(other, PASSWORD, IP)).isInstanceOf(SignInResult.SignedIn.class);
    }

    @Test
    void aDisabledAccountIsRefused() {
        String email = email("disabled");
        UserAccount account = patient(email);
        jdbc.sql("UPDATE dqms.app_user SET enabled = false WHERE id = :id")
                .param("id", account.id())
                .update();

        assertThat(accounts.authenticate(email, PASSWORD, IP)).isEqualTo(new SignInResult.Refused());
    }

    @Test
    void passwordsAreNeverLogged(CapturedOutput output) {
        String email = email("quiet");
        patient(email);
        accounts.authenticate(email, PASSWORD, IP);
        accounts.authenticate(email, "violet-secret-wrong-guess", IP);
        assertThatThrownBy(() -> accounts.signUpPatient(Actor.SYSTEM, "Asha", null, email("weak"), "Sunshine2024!!"));

        assertThat(output.getAll())
                .contains("signed in from " + IP)
                .doesNotContain(PASSWORD)
                .doesNotContain("violet-secret-wrong-guess")
                .doesNotContain("Sunshine2024");
    }

    @Test
    void receptionWorksForItsDepartments() {
        Department department = department();

        UserAccount reception = accounts.createStaff(
                ADMIN, email("reception"), "Ravi", Role.RECEPTION, Set.of(department.id()), null, PASSWORD);

        assertThat(reception.departmentIds()).containsExactly(department.id());
        assertThat(accounts.find(reception.id()).orElseThrow().departmentIds()).containsExactly(department.id());
    }

    @Test
    void receptionNeedsADepartmentThatExists() {
        assertThatThrownBy(() ->
                        accounts.createStaff(ADMIN, email("r1"), "Ravi", Role.RECEPTION, Set.of(), null, PASSWORD))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("departmentIds: ");
        assertThatThrownBy(() -> accounts.createStaff(
                        ADMIN, email("r2"), "Ravi", Role.RECEPTION, Set.of(Long.MAX_VALUE), null, PASSWORD))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("departmentIds: no department has the id " + Long.MAX_VALUE);
    }

    @Test
    void aDoctorAccountIsItsDoctor() {
        Doctor doctor = doctor();

        UserAccount account =
                accounts.createStaff(ADMIN, email("doc"), "Dr. Test", Role.DOCTOR, Set.of(), doctor.id(), PASSWORD);

        assertThat(account.doctorId()).isEqualTo(doctor.id());
        assertThat(account.role()).isEqualTo(Role.DOCTOR);
        assertThatThrownBy(() -> accounts.createStaff(
                        ADMIN, email("doc2"), "Dr. Test", Role.DOCTOR, Set.of(), doctor.id(), PASSWORD))
                .isInstanceOf(ConflictException.class)
                .hasMessage("This doctor already has an account.");
    }

    @Test
    void aDoctorAccountNeedsADoctorThatExists() {
        assertThatThrownBy(
                        () -> accounts.createStaff(ADMIN, email("d1"), "Dr. X", Role.DOCTOR, Set.of(), null, PASSWORD))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("doctorId: ");
        assertThatThrownBy(() -> accounts.createStaff(
                        ADMIN, email("d2"), "Dr. X", Role.DOCTOR, Set.of(), Long.MAX_VALUE, PASSWORD))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("doctorId: no doctor has the id " + Long.MAX_VALUE);
    }

    @Test
    void staffRolesDoNotMix() {
        Doctor doctor = doctor();
        assertThatThrownBy(() -> accounts.createStaff(ADMIN, email("p"), "P", Role.PATIENT, Set.of(), null, PASSWORD))
                .hasMessageStartingWith("role: ");
        assertThatThrownBy(
                        () -> accounts.createStaff(ADMIN, email("a"), "A", Role.ADMIN, Set.of(), doctor.id(), PASSWORD))
                .hasMessageStartingWith("doctorId: ");
        assertThatThrownBy(() -> accounts.createStaff(
                        ADMIN,
                        email("a2"),
                        "A",
                        Role.ADMIN,
                        Set.of(doctor.departmentIds().iterator().next()),
                        null,
                        PASSWORD))
                .hasMessageStartingWith("departmentIds: ");
    }

    @Test
    void anAdminIsFound() {
        // The demo's administrator exists on this embedded database; remove all to see the difference.
        List<Long> admins = jdbc.sql("SELECT id FROM dqms.app_user WHERE role = 'ADMIN'")
                .query(Long.class)
                .list();
        jdbc.sql("UPDATE dqms.app_user SET enabled = false WHERE role = 'ADMIN'")
                .update();
        try {
            assertThat(accounts.anyAdmin()).isFalse();
            accounts.createStaff(ADMIN, email("boss"), "Boss", Role.ADMIN, Set.of(), null, PASSWORD);
            assertThat(accounts.anyAdmin()).isTrue();
        } finally {
            jdbc.sql("UPDATE dqms.app_user SET enabled = true WHERE id IN (:ids)")
                    .param("ids", admins.isEmpty() ? List.of(-1L) : admins)
                    .update();
        }
    }
}
