package org.dqms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No input is ever concatenated into SQL: every statement handed to JdbcClient is a named constant
 * (values travel as bound parameters), and raw JDBC statements join only constants. The rule reads
 * the sources, so it covers every repository, present and future.
 */
class SqlStaysParameterizedTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern SQL_CALL = Pattern.compile("\\.sql\\(\\s*([^)]*?)\\s*\\)");
    private static final Pattern CONSTANT = Pattern.compile("([A-Z][A-Za-z0-9]*\\.)?[A-Z][A-Z0-9_]*");
    private static final Pattern RAW_CALL = Pattern.compile(
            "\\.(execute|executeQuery|executeUpdate|prepareStatement)\\(\\s*(\"[^\"]*\"\\s*\\+[^;]*)\\)");
    private static final Pattern CONCATENATED = Pattern.compile("\\+\\s*([A-Za-z_][A-Za-z0-9_.]*)");

    @Test
    void jdbcClientOnlyEverGetsConstantSql() throws IOException {
        List<String> offenders = new ArrayList<>();
        int checked = 0;
        for (Path file : javaFiles()) {
            String source = Files.readString(file);
            Matcher call = SQL_CALL.matcher(source);
            while (call.find()) {
                checked++;
                String argument = call.group(1);
                if (!CONSTANT.matcher(argument).matches() && !onlyConstantsPassedAs(argument, source)) {
                    offenders.add(file + ": .sql(" + argument + ")");
                }
            }
        }
        assertThat(checked)
                .as("statements found: the rule must see the repositories")
                .isGreaterThan(50);
        assertThat(offenders).isEmpty();
    }

    @Test
    void rawJdbcJoinsOnlyConstants() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path file : javaFiles()) {
            Matcher call = RAW_CALL.matcher(Files.readString(file));
            while (call.find()) {
                Matcher joined = CONCATENATED.matcher(call.group(2));
                while (joined.find()) {
                    if (!CONSTANT.matcher(joined.group(1)).matches()) {
                        offenders.add(file + ": " + call.group());
                    }
                }
            }
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    void theRuleCatchesConcatenation() {
        String bad = "jdbc.sql(\"SELECT * FROM dqms.token WHERE phone = '\" + phone + \"'\")";
        String good = "jdbc.sql(FIND_BY_PHONE).param(\"phone\", phone)";

        Matcher badCall = SQL_CALL.matcher(bad);
        assertThat(badCall.find()).isTrue();
        assertThat(CONSTANT.matcher(badCall.group(1)).matches()).isFalse();
        Matcher goodCall = SQL_CALL.matcher(good);
        assertThat(goodCall.find()).isTrue();
        assertThat(CONSTANT.matcher(goodCall.group(1)).matches()).isTrue();
    }

    /** A private helper's parameter, e.g. {@code one(String sql, long id)}, called only with constants. */
    private static boolean onlyConstantsPassedAs(String parameter, String source) {
        if (!parameter.matches("[a-z][A-Za-z0-9]*")) {
            return false;
        }
        Matcher declaration = Pattern.compile("private [\\w<>.]+ (\\w+)\\(String " + parameter + "[,)]")
                .matcher(source);
        if (!declaration.find()) {
            return false;
        }
        Matcher invocation = Pattern.compile("[^\\w]" + declaration.group(1) + "\\(\\s*([^,)]+)")
                .matcher(source);
        boolean any = false;
        while (invocation.find()) {
            String argument = invocation.group(1).trim();
            if (argument.startsWith("String ")) {
                continue; // the declaration itself
            }
            any = true;
            if (!CONSTANT.matcher(argument).matches()) {
                return false;
            }
        }
        return any;
    }

    private static List<Path> javaFiles() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
    }
}
