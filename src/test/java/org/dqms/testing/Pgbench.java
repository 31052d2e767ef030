package org.dqms.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real pgbench, with the protocol the benchmark uses: the benchmark's scripts ({@code
 * benchmark/src/main/resources/pgbench}) on one client, or any script. It needs {@code pgbench} on {@code
 * PATH} (Debian 12: {@code apt-get install postgresql}); without it the test fails rather than
 * being skipped.
 */
public final class Pgbench {

    private static final Path SCRIPTS = Path.of("benchmark", "src", "main", "resources", "pgbench");

    /** Where pgbench connects; {@code password} is null for a role trusted on loopback. */
    public record Target(String host, int port, String user, String password, String database) {}

    private Pgbench() {}

    /** What a pgbench run printed, and its exit code. */
    public record Output(int exitValue, String text) {}

    /**
     * Runs {@code transactions} of the script and returns pgbench's output; fails unless pgbench
     * exits 0 having processed them all.
     */
    public static String run(Target target, String script, int transactions, Map<String, String> variables)
            throws IOException, InterruptedException {
        Output out = invoke(target, SCRIPTS.resolve(script), 1, transactions, variables);
        assertThat(out.exitValue()).as(out.text()).isZero();
        assertThat(out.text()).contains("number of transactions actually processed: " + transactions);
        return out.text();
    }

    /** Runs {@code transactions} of any script on each of {@code clients} and returns what pgbench printed. */
    public static Output invoke(
            Target target, Path script, int clients, int transactions, Map<String, String> variables)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                "pgbench",
                "--no-vacuum",
                "--protocol=prepared",
                "--client=" + clients,
                "--transactions=" + transactions,
                "--file=" + script,
                "--host=" + target.host(),
                "--port=" + target.port(),
                "--username=" + target.user()));
        variables.forEach((name, value) -> command.add("--define=" + name + "=" + value));
        command.add(target.database());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (target.password() != null) {
            builder.environment().put("PGPASSWORD", target.password());
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("pgbench is not on PATH (Debian 12: apt-get install postgresql)", e);
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Output(process.exitValue(), out);
    }
}
