package org.dqms.database;

/**
 * How many server connections all instances may open together, against what the server allows.
 * Each instance has its pool, the direct pool (migrator) and one listener connection.
 */
record ConnectionBudget(int instances, int poolSize, int directPoolSize, int maxConnections, int reserved) {

    static final int LISTENERS_PER_INSTANCE = 1;

    int total() {
        return instances * (poolSize + directPoolSize + LISTENERS_PER_INSTANCE);
    }

    int available() {
        return maxConnections - reserved;
    }

    boolean fits() {
        return total() <= available();
    }

    String describe() {
        String line = "Connection budget: %d instance(s) x (%d pooled + %d migrator + %d listener) = %d of %d"
                        .formatted(instances, poolSize, directPoolSize, LISTENERS_PER_INSTANCE, total(), available())
                + " connections the server allows (max_connections %d, %d reserved)"
                        .formatted(maxConnections, reserved);
        return fits() ? line : line + "; lower DATABASE_POOL_SIZE, put a pooler in front, or raise max_connections";
    }
}
