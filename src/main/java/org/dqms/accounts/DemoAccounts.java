package org.dqms.accounts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.dqms.database.DatabaseMode;
import org.dqms.department.Department;
import org.dqms.department.DepartmentService;
import org.dqms.doctor.Doctor;
import org.dqms.doctor.DoctorService;
import org.dqms.platform.Actor;
import org.dqms.platform.Deployment;
import org.dqms.platform.ServerOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accounts to try the demo hospital with: an administrator, reception for General OPD and two of
 * its doctors, with random passwords (20 characters, or the policy's minimum if longer) that are
 * logged once, when they are created. Only on a
 * development server on the embedded database (like the demo data, ADR 0008), only while no account
 * exists, and only while the demo's General OPD does.
 */
@Component
@ServerOnly
class DemoAccounts {

    static final String DOMAIN = "@demo.dqms";
    static final String DEMO_DEPARTMENT = "General OPD";

    private static final Logger log = LoggerFactory.getLogger(DemoAccounts.class);
    private static final int DEMO_DOCTORS = 2;
    // 120 bits; longer when the password policy asks for more.
    private static final int PASSWORD_LENGTH = 20;

    private final AccountService accounts;
    private final DepartmentService departments;
    private final DoctorService doctors;
    private final DatabaseMode databaseMode;
    private final Deployment deployment;
    private final TransactionTemplate transaction;
    private final PasswordPolicy policy;

    DemoAccounts(
            AccountService accounts,
            PasswordPolicy policy,
            DepartmentService departments,
            DoctorService doctors,
            DatabaseMode databaseMode,
            Deployment deployment,
            PlatformTransactionManager transactionManager) {
        this.transaction = new TransactionTemplate(transactionManager);
        this.accounts = accounts;
        this.policy = policy;
        this.departments = departments;
        this.doctors = doctors;
        this.databaseMode = databaseMode;
        this.deployment = deployment;
    }

    static boolean allowed(DatabaseMode databaseMode, Deployment deployment) {
        return databaseMode.embedded() && !deployment.production() && !deployment.commandMode();
    }

    /** A demo account and its password, to be shown once. */
    record Created(String email, String password) {}

    // Readiness comes after every ApplicationReadyEvent listener, so the demo data exists by now.
    @EventListener(
            condition = "#event.state == T(org.springframework.boot.availability.ReadinessState).ACCEPTING_TRAFFIC")
    void onReadiness(AvailabilityChangeEvent<ReadinessState> event) {
        // Shown only once committed, so that every password shown works.
        List<Created> created = transaction.execute(status -> createIfWanted());
        if (created.isEmpty()) {
            return;
        }
        log.info(
                "Demo accounts created: an administrator, reception for {} and {} of its doctors",
                DEMO_DEPARTMENT,
                created.size() - 2);
        for (Created account : created) {
            log.info("Demo sign-in: {} / {} (development only; shown once)", account.email(), account.password());
        }
    }

    /** Creates the demo accounts if wanted (in the caller's transaction); returns them with their passwords. */
    List<Created> createIfWanted() {
        if (!allowed(databaseMode, deployment) || accounts.anyAccount()) {
            return List.of();
        }
        Optional<Department> opd = departments.all().stream()
                .filter(d -> d.name().equals(DEMO_DEPARTMENT))
                .findFirst();
        if (opd.isEmpty()) {
            return List.of();
        }
        Actor actor = Actor.SYSTEM;
        List<Created> created = new ArrayList<>();
        created.add(staff(actor, "admin", "Demo Administrator", Role.ADMIN, Set.of(), null));
        created.add(staff(
                actor,
                "reception",
                "Demo Reception",
                Role.RECEPTION,
                Set.of(opd.get().id()),
                null));
        for (Doctor doctor : doctors.inDepartment(opd.get().id()).stream()
                .limit(DEMO_DOCTORS)
                .toList()) {
            created.add(staff(actor, localPart(doctor.name()), doctor.name(), Role.DOCTOR, Set.of(), doctor.id()));
        }
        return List.copyOf(created);
    }

    private Created staff(Actor actor, String local, String name, Role role, Set<Long> departmentIds, Long doctorId) {
        String email = local + DOMAIN;
        int length = Math.max(PASSWORD_LENGTH, policy.minLength());
        String password = password(policy, () -> Passwords.random(length), email, name);
        accounts.createStaff(actor, email, name, role, departmentIds, doctorId, password);
        return new Created(email, password);
    }

    /**
     * The first of {@code passwords} that the policy accepts for this account (a random one could,
     * very rarely, contain a part of the name). Checked before {@code createStaff}: a refusal
     * inside it would mark the whole demo transaction for rollback.
     */
    static String password(PasswordPolicy policy, Supplier<String> passwords, String email, String name) {
        IllegalArgumentException refused = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            String password = passwords.get();
            try {
                policy.check(password, email, name);
                return password;
            } catch (IllegalArgumentException e) {
                refused = e;
            }
        }
        throw refused;
    }

    /** "Dr. Ananya Rao" becomes "ananya.rao". */
    static String localPart(String doctorName) {
        String name = doctorName.replaceFirst("^(?i)dr\\.?\\s+", "").strip().toLowerCase(Locale.ROOT);
        return name.replaceAll("[^a-z0-9]+", ".").replaceAll("^\\.|\\.$", "");
    }
}
