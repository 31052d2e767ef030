package org.dqms.database;

/**
 * The connections a PostgreSQL server lets dqms' roles open: {@code max_connections} less the slots
 * kept for superusers ({@code superuser_reserved_connections}) and, from PostgreSQL 16 on, for
 * roles with {@code pg_use_reserved_connections} ({@code reserved_connections}), which dqms'
 * roles are not meant to have.
 *
 * @param reserved {@code reserved_connections}; 0 before PostgreSQL 16, which lacks it
 */
record ServerSlots(int maxConnections, int superuserReserved, int reserved) {

    int available() {
        return maxConnections - superuserReserved - reserved;
    }

    String describe() {
        return "max_connections %d - superuser_reserved_connections %d - reserved_connections %d"
                .formatted(maxConnections, superuserReserved, reserved);
    }
}
