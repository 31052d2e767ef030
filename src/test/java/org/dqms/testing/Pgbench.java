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
 * The benchmark's pgbench scripts ({@code benchmark/src/main/resources/pgbench}) run by the real
 * pgbench on one client, with the protocol the benchmark uses. It needs {@code pgbench} on {@code
 * PATH} (Debian 12: {@code apt-get install postgresql}); without it the test fails rather than
 * being skipped.
 */
public final class Pgbench {

    private static final Path SCRIPTS = Path.of("benchmark", "src", "main", "resources", "pgbench");

    /** Where pgbench connects; {@code password} is null for a role trusted on loopback. */
    public record Target(String host, int port, String user, String password, String database) {}

    private Pgbench() {}

    /**
     * Runs {@code transactions} of the script and returns pgbench's output; fails unless pgbench
     * exits 0 having processed them all.
     */
    public static String run(Target target, String script, int transactions, Map<String, String> variables)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                "pgbench",
                "--no-vacuum",
                "--protocol=prepared",
                "--client=1",
                "--transactions=" + transactions,
                "--file=" + SCRIPTS.resolve(script),
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
        assertThat(process.exitValue()).as(out).isZero();
        assertThat(out).contains("number of transactions actually processed: " + transactions);
        return out;
    }
}
