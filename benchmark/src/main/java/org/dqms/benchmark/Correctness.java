package org.dqms.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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

    // The checks' SQL lives in resources/correctness, where dqms' own tests plant each fault and
    // check that the query finds it (BenchmarkCorrectnessChecksTest).
    private static final String CALLED_TWICE = sql("tokens-called-twice.sql");
    private static final String DOCTORS_WITH_TWO_PATIENTS = sql("doctors-with-two-patients.sql");
    private static final String NUMBER_GAPS = sql("number-gaps.sql");

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
        long calledTwice = database.number(CALLED_TWICE);
        if (calledTwice > 0) {
            found.add(when + ": " + calledTwice + " tokens have more than one CALLED line in their history");
        }
        if (duplicateAnswers.get() > 0) {
            found.add(when + ": call-next answered with the same token " + duplicateAnswers.get() + " times");
        }
        long twoPatients = database.number(DOCTORS_WITH_TWO_PATIENTS);
        if (twoPatients > 0) {
            found.add(when + ": " + twoPatients + " doctors hold more than one patient");
        }
        for (List<String> gap : database.rows(NUMBER_GAPS)) {
            found.add(when + ": department " + gap.get(0) + " on " + gap.get(1) + " has " + gap.get(2) + " tokens"
                    + (gap.get(4) == null ? "" : " numbered " + gap.get(4) + ".." + gap.get(5))
                    + " (" + gap.get(3) + " distinct), "
                    + (gap.get(6) == null ? "no counter" : "counter at " + gap.get(6)));
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

    private static String sql(String name) {
        try (InputStream in = Correctness.class.getResourceAsStream("/correctness/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the benchmark's resources lack correctness/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
