package org.dqms.database;

/**
 * The sessions all instances open as one login role, against the role's {@code CONNECTION LIMIT}.
 *
 * @param limit the role's {@code rolconnlimit}; -1 for none (superusers are never limited)
 */
record RoleShare(String role, int limit, int pooled, int listeners, int migrators) {

    int total() {
        return pooled + listeners + migrators;
    }

    boolean fits() {
        return limit < 0 || total() <= limit;
    }

    RoleShare plus(RoleShare other) {
        return new RoleShare(
                role, limit, pooled + other.pooled, listeners + other.listeners, migrators + other.migrators);
    }

    String describe() {
        return role + " " + total() + (limit < 0 ? " (no CONNECTION LIMIT)" : " of CONNECTION LIMIT " + limit);
    }

    /** What does not fit and what to change; call only when it does not fit. */
    String problem() {
        String settings = pooled > 0 ? "DQMS_INSTANCES or DATABASE_POOL_SIZE" : listeners > 0 ? "DQMS_INSTANCES" : null;
        return "role %s needs %d connections (%s) but its CONNECTION LIMIT is %d; %sALTER ROLE %s CONNECTION LIMIT %d"
                .formatted(
                        role,
                        total(),
                        parts(),
                        limit,
                        settings == null ? "raise it: " : "lower " + settings + ", or raise it: ",
                        identifier(role),
                        total());
    }

    private String parts() {
        StringBuilder parts = new StringBuilder();
        append(parts, pooled, "pooled");
        append(parts, listeners, "listener");
        append(parts, migrators, "migrator");
        return parts.toString();
    }

    private static void append(StringBuilder parts, int count, String kind) {
        if (count > 0) {
            parts.append(parts.isEmpty() ? "" : " + ").append(count).append(' ').append(kind);
        }
    }

    /** The role's name as SQL takes it, quoted unless it is a plain lower-case name. */
    private static String identifier(String role) {
        return role.matches("[a-z_][a-z0-9_$]*") ? role : '"' + role.replace("\"", "\"\"") + '"';
    }
}
