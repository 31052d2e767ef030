package org.dqms.database;

import java.sql.SQLException;
import org.dqms.platform.InvalidDataException;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;

/**
 * How every {@code JdbcClient} reports SQL errors: as Spring does by default for PostgreSQL (its
 * error-code table, then the SQLSTATE classes), except PostgreSQL's data exceptions (SQLSTATE class
 * 22), which become {@link InvalidDataException}. Spring would make them a {@code
 * DataIntegrityViolationException}, which services read as a constraint on stored rows (a
 * department deleted meanwhile, a taken name) and the API answers with 409.
 */
final class DataExceptionTranslator implements SQLExceptionTranslator {

    private final SQLExceptionTranslator standard = new SQLErrorCodeSQLExceptionTranslator("PostgreSQL");

    @Override
    public DataAccessException translate(String task, String sql, SQLException e) {
        if (InvalidDataException.isDataException(e.getSQLState())) {
            return new InvalidDataException(e.getSQLState(), task + ": " + e.getMessage(), e);
        }
        return standard.translate(task, sql, e);
    }
}
