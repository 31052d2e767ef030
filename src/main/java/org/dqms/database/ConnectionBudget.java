package org.dqms.database;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How many server connections all instances may open together, against what the server allows and
 * against the {@code CONNECTION LIMIT} of each role they log in as. Each instance has its pool and
 * one listening session; migrations add a few direct sessions while they run.
 *
 * @param roles the sessions per login role whose limit is known
 */
record ConnectionBudget(int instances, int poolSize, ServerSlots server, List<RoleShare> roles) {

    static final int LISTENERS_PER_INSTANCE = 1;
    /** Flyway holds up to three sessions while it migrates: its own, the migration's and the callbacks'. */
    static final int MIGRATOR_SESSIONS = 3;

    /** The login roles of the pool, the listening session and the migrator, which may be one role. */
    record Logins(String pooled, String listener, String migrator) {}

    /**
     * The budget with the sessions of each login role; a role missing from {@code limits} (one that
     * does not exist on the server) is left out of the role checks.
     *
     * @param limits role name to its {@code CONNECTION LIMIT}, -1 for none
     */
    static ConnectionBudget of(
            int instances, int poolSize, ServerSlots server, Logins logins, Map<String, Integer> limits) {
        Map<String, RoleShare> shares = new LinkedHashMap<>();
        add(shares, limits, logins.pooled(), instances * poolSize, 0, 0);
        add(shares, limits, logins.listener(), 0, instances * LISTENERS_PER_INSTANCE, 0);
        add(shares, limits, logins.migrator(), 0, 0, MIGRATOR_SESSIONS);
        return new ConnectionBudget(instances, poolSize, server, List.copyOf(shares.values()));
    }

    private static void add(
            Map<String, RoleShare> shares,
            Map<String, Integer> limits,
            String role,
            int pooled,
            int listeners,
            int migrators) {
        Integer limit = limits.get(role);
        if (limit != null) {
            shares.merge(role, new RoleShare(role, limit, pooled, listeners, migrators), RoleShare::plus);
        }
    }

    int total() {
        return instances * (poolSize + LISTENERS_PER_INSTANCE) + MIGRATOR_SESSIONS;
    }

    private boolean fitsServer() {
        return total() <= server.available();
    }

    String describe() {
        String line = "Connection budget: %d instance(s) x (%d pooled + %d listener) + %d migrator"
                        .formatted(instances, poolSize, LISTENERS_PER_INSTANCE, MIGRATOR_SESSIONS)
                + " = %d of %d connections the server allows (%s)"
                        .formatted(total(), server.available(), server.describe());
        List<String> shares = roles.stream().map(RoleShare::describe).toList();
        return shares.isEmpty() ? line : line + "; by role: " + String.join(", ", shares);
    }

    /** One line for each limit the budget does not fit, naming what to change. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!fitsServer()) {
            problems.add("Connection budget: %d connections do not fit in the %d the server allows (%s);"
                            .formatted(total(), server.available(), server.describe())
                    + " lower DQMS_INSTANCES or DATABASE_POOL_SIZE, put a pooler in front, or raise max_connections");
        }
        roles.stream()
                .filter(share -> !share.fits())
                .forEach(share -> problems.add("Connection budget: " + share.problem()));
        return problems;
    }
}
