package org.dqms.queue;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The wait estimates quoted to patients, kept to compare with the waits they actually had. */
@Repository
class WaitQuoteRepository {

    private static final String INSERT = """
            INSERT INTO dqms.wait_quote (token_id, quoted_at, ahead, doctors_on_duty, service_minutes,
                                         likely_minutes, upper_minutes)
            VALUES (:tokenId, :quotedAt, :ahead, :doctorsOnDuty, :serviceMinutes, :likelyMinutes, :upperMinutes)
            """;

    private static final String OF_TOKEN = """
            SELECT q.token_id, q.quoted_at, q.ahead, q.doctors_on_duty, q.service_minutes, q.likely_minutes,
                   q.upper_minutes
              FROM dqms.wait_quote q
             WHERE q.token_id = :tokenId
             ORDER BY q.id
            """;

    /** One quote: what a patient was told at {@code quotedAt}. */
    record WaitQuote(
            long tokenId,
            Instant quotedAt,
            int ahead,
            double doctorsOnDuty,
            double serviceMinutes,
            int likelyMinutes,
            int upperMinutes) {}

    private final JdbcClient jdbc;

    WaitQuoteRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(WaitQuote quote) {
        jdbc.sql(INSERT)
                .param("tokenId", quote.tokenId())
                .param("quotedAt", TokenRepository.timestamp(quote.quotedAt()))
                .param("ahead", quote.ahead())
                .param("doctorsOnDuty", quote.doctorsOnDuty())
                .param("serviceMinutes", quote.serviceMinutes())
                .param("likelyMinutes", quote.likelyMinutes())
                .param("upperMinutes", quote.upperMinutes())
                .update();
    }

    List<WaitQuote> ofToken(long tokenId) {
        return jdbc.sql(OF_TOKEN)
                .param("tokenId", tokenId)
                .query((rows, n) -> new WaitQuote(
                        rows.getLong("token_id"),
                        rows.getTimestamp("quoted_at").toInstant(),
                        rows.getInt("ahead"),
                        rows.getDouble("doctors_on_duty"),
                        rows.getDouble("service_minutes"),
                        rows.getInt("likely_minutes"),
                        rows.getInt("upper_minutes")))
                .list();
    }
}
