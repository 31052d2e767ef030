package org.dqms.database;

import java.sql.SQLException;
import org.dqms.platform.InvalidDataException;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;

/**
 * How every {@code JdbcClient} reports SQL errors: as Spring does by default for PostgreSQL (its
 * error-code table, then the SQLSTATE classes), except PostgreSQL's data exceptions (SQLSTATE class
 * 22). Spring makes all of them a {@code DataIntegrityViolationException}, which services read as a
 * constraint on stored rows (a department deleted meanwhile, a taken name) and the API answers with
 * 409. Those a request's values cause become {@link InvalidDataException} (400); the others, a
 * division by zero or a failed cast of stored text, are faults of dqms' SQL and stay uncategorized,
 * which the API answers with 500 and logs at ERROR.
 */
final class DataExceptionTranslator implements SQLExceptionTranslator {

    private final SQLExceptionTranslator standard = new SQLErrorCodeSQLExceptionTranslator("PostgreSQL");

    @Override
    public DataAccessException translate(String task, String sql, SQLException e) {
        String sqlState = e.getSQLState();
        if (InvalidDataException.causedByValues(sqlState)) {
            return new InvalidDataException(sqlState, task + ": " + e.getMessage(), e);
        }
        if (sqlState != null && sqlState.startsWith("22")) {
            return new UncategorizedSQLException(task, sql, e);
        }
        return standard.translate(task, sql, e);
    }
}
