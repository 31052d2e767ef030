package org.dqms.accounts;

import java.nio.file.Path;
import java.util.Set;
import org.dqms.database.DatabaseMode;
import org.dqms.platform.Actor;
import org.dqms.platform.ConflictException;
import org.dqms.platform.Deployment;
import org.dqms.platform.InvalidSettingException;
import org.dqms.platform.Secrets;
import org.dqms.platform.ServerOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The first administrator, for deployments that cannot run {@code admin create}: created at start
 * from {@code DQMS_BOOTSTRAP_ADMIN_EMAIL} and the password in {@code
 * DQMS_BOOTSTRAP_ADMIN_PASSWORD_FILE}, once, while no administrator exists. There is no default
 * password: without these settings the server only warns.
 */
@Component
@ServerOnly
class AdminBootstrap {

    static final String EMAIL = "DQMS_BOOTSTRAP_ADMIN_EMAIL";
    static final String PASSWORD_FILE = "DQMS_BOOTSTRAP_ADMIN_PASSWORD_FILE";

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final AccountService accounts;
    private final AccountSettings settings;
    private final DatabaseMode databaseMode;
    private final Deployment deployment;

    AdminBootstrap(
            AccountService accounts, AccountSettings settings, DatabaseMode databaseMode, Deployment deployment) {
        this.accounts = accounts;
        this.settings = settings;
        this.databaseMode = databaseMode;
        this.deployment = deployment;
    }

    // Before the other listeners, so that a refused setting stops dqms before it says it is running.
    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void onReady() {
        boolean anyAdmin;
        try {
            anyAdmin = accounts.anyAdmin();
        } catch (DataAccessException e) {
            log.warn("Accounts: cannot look for an administrator until the schema is current (`migrate`)");
            return;
        }
        String email = settings.bootstrapAdminEmail();
        boolean configured = email != null && !email.isBlank();
        if (anyAdmin) {
            if (configured) {
                log.info("{} is ignored: an administrator exists", EMAIL);
            }
            return;
        }
        if (configured) {
            create(email.strip());
        } else if (!DemoAccounts.allowed(databaseMode, deployment)) {
            log.warn(
                    "No administrator account exists. Create one with `java -jar dqms.jar admin create --email E"
                            + " --password-file F`, or set {} and {}",
                    EMAIL,
                    PASSWORD_FILE);
        }
    }

    private void create(String email) {
        String file = settings.bootstrapAdminPasswordFile();
        if (file == null || file.isBlank()) {
            throw new InvalidSettingException(PASSWORD_FILE, "required when " + EMAIL + " is set");
        }
        String password = Secrets.readFile(PASSWORD_FILE, Path.of(file.strip()));
        UserAccount admin;
        try {
            admin = accounts.createStaff(Actor.SYSTEM, email, "Administrator", Role.ADMIN, Set.of(), null, password);
        } catch (IllegalArgumentException e) {
            String problem = e.getMessage();
            if (problem.startsWith("password: ")) {
                throw new InvalidSettingException(
                        PASSWORD_FILE, "the password in " + file.strip() + " " + problem.substring(10));
            }
            throw new InvalidSettingException(EMAIL, problem.substring(problem.indexOf(": ") + 2));
        } catch (ConflictException e) {
            if (accounts.anyAdmin()) {
                return; // another instance, starting at the same time, created it
            }
            throw new InvalidSettingException(EMAIL, "an account that is not an administrator has this email");
        }
        log.info("Administrator account {} created from {}", admin.id(), EMAIL);
    }
}
