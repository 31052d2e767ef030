package org.dqms.database;

/**
 * How many server connections all instances may open together, against what the server allows.
 * Each instance has its pool and one listening session; migrations add a few direct sessions
 * while they run.
 */
record ConnectionBudget(int instances, int poolSize, int maxConnections, int reserved) {

    static final int LISTENERS_PER_INSTANCE = 1;
    /** Flyway holds up to three sessions while it migrates: its own, the migration's and the callbacks'. */
    static final int MIGRATOR_SESSIONS = 3;

    int total() {
        return instances * (poolSize + LISTENERS_PER_INSTANCE) + MIGRATOR_SESSIONS;
    }

    int available() {
        return maxConnections - reserved;
    }

    boolean fits() {
        return total() <= available();
    }

    String describe() {
        String line = "Connection budget: %d instance(s) x (%d pooled + %d listener) + %d migrator = %d of %d"
                        .formatted(instances, poolSize, LISTENERS_PER_INSTANCE, MIGRATOR_SESSIONS, total(), available())
                + " connections the server allows (max_connections %d, %d reserved)"
                        .formatted(maxConnections, reserved);
        return fits() ? line : line + "; lower DATABASE_POOL_SIZE, put a pooler in front, or raise max_connections";
    }
}
