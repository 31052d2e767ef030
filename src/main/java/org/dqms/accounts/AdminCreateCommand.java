package org.dqms.accounts;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dqms.platform.Actor;
import org.dqms.platform.Command;
import org.dqms.platform.CommandLine;
import org.dqms.platform.CommandUsage;
import org.dqms.platform.ConflictException;
import org.dqms.platform.Secrets;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * {@code admin create --email E --password-file F [--name N]}: creates an administrator, for the
 * first one in production or when all were lost. The password comes from a file, never an argument,
 * and must pass the password policy.
 */
@Component
@CommandUsage(
        name = "admin create",
        summary = "create an administrator (--email E --password-file F [--name N])",
        options = {"--email", "--password-file", "--name"})
class AdminCreateCommand implements Command {

    private static final String USAGE = "usage: admin create --email E --password-file F [--name N]";
    private static final List<String> OPTIONS = List.of("--email", "--password-file", "--name");
    private static final String DEFAULT_NAME = "Administrator";

    private final AccountService accounts;

    AdminCreateCommand(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public int run(List<String> arguments) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < arguments.size(); i += 2) {
            String option = arguments.get(i);
            if (!OPTIONS.contains(option) || i + 1 >= arguments.size() || options.containsKey(option)) {
                System.err.println(USAGE);
                return CommandLine.USAGE;
            }
            options.put(option, arguments.get(i + 1));
        }
        if (!options.containsKey("--email") || !options.containsKey("--password-file")) {
            System.err.println(USAGE);
            return CommandLine.USAGE;
        }
        String password = Secrets.readFile("--password-file", Path.of(options.get("--password-file")));
        UserAccount admin;
        try {
            admin = accounts.createStaff(
                    Actor.SYSTEM,
                    options.get("--email"),
                    options.getOrDefault("--name", DEFAULT_NAME),
                    Role.ADMIN,
                    Set.of(),
                    null,
                    password);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return CommandLine.USAGE;
        } catch (ConflictException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        } catch (DataAccessException e) {
            System.err.println("error: cannot create the account ("
                    + e.getClass().getSimpleName() + "); is the schema current? `migrate status` tells");
            return 1;
        }
        System.out.println("Administrator created: account " + admin.id() + ", " + admin.email());
        return 0;
    }
}
