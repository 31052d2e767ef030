package org.dqms.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dqms.platform.Command;
import org.dqms.platform.CommandLine;
import org.dqms.platform.CommandUsage;
import org.dqms.platform.Secrets;
import org.springframework.stereotype.Component;

/**
 * {@code db roles}: applies the least-privilege role layout over DIRECT_DATABASE_URL, which must
 * then name an administrator (the cloud's admin user). Passwords come from files, never arguments.
 */
@Component
@CommandUsage(
        name = "db roles",
        summary = "create or repair the database roles (--print shows the SQL; --app-password-file F ...)",
        options = {"--print", "--migrator-password-file", "--app-password-file", "--readonly-password-file"})
class DbRolesCommand implements Command {

    private static final Map<String, String> PASSWORD_OPTIONS = Map.of(
            "--migrator-password-file", RoleLayout.MIGRATOR,
            "--app-password-file", RoleLayout.APP,
            "--readonly-password-file", RoleLayout.READONLY);

    private final DatabaseConnections connections;

    DbRolesCommand(DatabaseConnections connections) {
        this.connections = connections;
    }

    @Override
    public int run(List<String> arguments) throws SQLException {
        if (arguments.equals(List.of("--print"))) {
            System.out.println(RoleLayout.script());
            return 0;
        }
        Map<String, String> passwords = new LinkedHashMap<>();
        for (int i = 0; i < arguments.size(); i += 2) {
            String role = PASSWORD_OPTIONS.get(arguments.get(i));
            if (role == null || i + 1 >= arguments.size()) {
                System.err.println("usage: db roles [--print] [--migrator-password-file F] [--app-password-file F]"
                        + " [--readonly-password-file F]");
                return CommandLine.USAGE;
            }
            passwords.put(role, Secrets.readFile(arguments.get(i), Path.of(arguments.get(i + 1))));
        }
        if (connections.targets().isEmbedded()) {
            System.out.println("The embedded database applies the role layout itself at every start.");
            return 0;
        }
        try (Connection admin = connections.direct("dqms-roles").getConnection()) {
            RoleLayout.apply(admin, passwords);
        }
        System.out.println("Role layout applied: " + RoleLayout.OWNER + " (owner, no login), "
                + String.join(", ", RoleLayout.LOGIN_ROLES) + "; passwords set for: "
                + (passwords.isEmpty() ? "none" : String.join(", ", passwords.keySet())));
        return 0;
    }
}
