package org.dqms.benchmark;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What must hold however hard dqms is pushed, checked while the benchmark runs: no token is called
 * twice, and token numbers run 1, 2, 3, ... without gaps per department and service day.
 *
 * <p>"Called twice" is seen from both sides: every token a call-next answered is remembered by the
 * client (two answers naming the same token are a duplicate), and in the database no token has more
 * than one CALLED line in its history. The benchmark never recalls, so a second CALLED line can only
 * be a second call.
 */
final class Correctness {

    private final Database database;
    private final Set<Long> called = ConcurrentHashMap.newKeySet();
    private final AtomicLong duplicateAnswers = new AtomicLong();
    private final List<String> failures = new ArrayList<>();
    private int checks;

    Correctness(Database database) {
        this.database = database;
    }

    /** A call-next answered with this token. */
    void called(long tokenId) {
        if (!called.add(tokenId)) {
            duplicateAnswers.incrementAndGet();
        }
    }

    long callsSeen() {
        return called.size();
    }

    /** Runs the checks in SQL on everything in the database; records and returns what failed. */
    synchronized List<String> check(String when) throws SQLException {
        checks++;
        List<String> found = new ArrayList<>();
        long calledTwice = database.number("SELECT count(*) FROM (SELECT token_id FROM dqms.token_history "
                + "WHERE to_status = 'CALLED' GROUP BY token_id HAVING count(*) > 1) twice");
        if (calledTwice > 0) {
            found.add(when + ": " + calledTwice + " tokens have more than one CALLED line in their history");
        }
        if (duplicateAnswers.get() > 0) {
            found.add(when + ": call-next answered with the same token " + duplicateAnswers.get() + " times");
        }
        long twoDoctors = database.number("SELECT count(*) FROM (SELECT doctor_id FROM dqms.token WHERE status IN "
                + "('CALLED', 'IN_CONSULTATION') GROUP BY doctor_id HAVING count(*) > 1) busy");
        if (twoDoctors > 0) {
            found.add(when + ": " + twoDoctors + " doctors hold more than one patient");
        }
        List<List<String>> gaps = database.rows("SELECT t.department_id, t.service_date, count(*), "
                + "count(DISTINCT t.number), min(t.number), max(t.number), max(c.last_number) "
                + "FROM dqms.token t JOIN dqms.token_counter c "
                + "ON c.department_id = t.department_id AND c.service_date = t.service_date "
                + "GROUP BY t.department_id, t.service_date "
                + "HAVING count(*) <> max(t.number) OR count(DISTINCT t.number) <> count(*) OR min(t.number) <> 1 "
                + "OR max(t.number) <> max(c.last_number)");
        for (List<String> gap : gaps) {
            found.add(when + ": department " + gap.get(0) + " on " + gap.get(1) + " has " + gap.get(2)
                    + " tokens numbered " + gap.get(4) + ".." + gap.get(5) + " (" + gap.get(3)
                    + " distinct), counter at " + gap.get(6));
        }
        failures.addAll(found);
        return found;
    }

    /** Tokens and department-days checked, for the report. */
    String summary() throws SQLException {
        long tokens = database.number("SELECT count(*) FROM dqms.token");
        long days = database.number("SELECT count(*) FROM dqms.token_counter");
        long calls = database.number("SELECT count(*) FROM dqms.token_history WHERE to_status = 'CALLED'");
        return String.format(
                "%s after %d checks: %,d tokens in %,d department-days, %,d calls (%,d answered to the load generator)",
                failures.isEmpty() ? "PASS" : "FAIL", checks, tokens, days, calls, called.size());
    }

    List<String> failures() {
        return failures;
    }
}
