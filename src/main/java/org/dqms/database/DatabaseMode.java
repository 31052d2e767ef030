package org.dqms.database;

/**
 * What other modules may know about the database: whether it is the embedded development one,
 * where demo data is welcome.
 */
public record DatabaseMode(boolean embedded) {}
