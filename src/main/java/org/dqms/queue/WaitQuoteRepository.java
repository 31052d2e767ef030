package org.dqms.queue;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The wait estimates quoted to patients, kept to compare with the waits they actually had. */
@Repository
class WaitQuoteRepository {

    // One statement for a whole batch of quotes; a token is referenced, so it must exist.
    private static final String INSERT_ALL = """
            INSERT INTO dqms.wait_quote (token_id, quoted_at, ahead, doctors_on_duty, service_minutes,
                                         likely_minutes, upper_minutes)
            SELECT * FROM unnest(CAST(:tokenIds AS bigint[]), CAST(:quotedAt AS timestamptz[]),
                                 CAST(:ahead AS integer[]), CAST(:doctorsOnDuty AS numeric[]),
                                 CAST(:serviceMinutes AS numeric[]), CAST(:likelyMinutes AS integer[]),
                                 CAST(:upperMinutes AS integer[]))
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

    /** Stores the quotes with one statement. */
    void insertAll(List<WaitQuote> quotes) {
        if (quotes.isEmpty()) {
            return;
        }
        jdbc.sql(INSERT_ALL)
                .param("tokenIds", quotes.stream().map(WaitQuote::tokenId).toArray(Long[]::new))
                .param(
                        "quotedAt",
                        quotes.stream().map(q -> q.quotedAt().toString()).toArray(String[]::new))
                .param("ahead", quotes.stream().map(WaitQuote::ahead).toArray(Integer[]::new))
                .param(
                        "doctorsOnDuty",
                        quotes.stream().map(WaitQuote::doctorsOnDuty).toArray(Double[]::new))
                .param(
                        "serviceMinutes",
                        quotes.stream().map(WaitQuote::serviceMinutes).toArray(Double[]::new))
                .param(
                        "likelyMinutes",
                        quotes.stream().map(WaitQuote::likelyMinutes).toArray(Integer[]::new))
                .param(
                        "upperMinutes",
                        quotes.stream().map(WaitQuote::upperMinutes).toArray(Integer[]::new))
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
