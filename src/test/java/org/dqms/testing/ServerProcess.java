package org.dqms.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** dqms run as a process of its own: its output, read line by line, and its readiness probe. */
public final class ServerProcess {

    /** The line a server prints once it is ready, with its port. */
    public static final Pattern RUNNING = Pattern.compile("dqms is running at http://localhost:(\\d+)/");

    private ServerProcess() {}

    /**
     * Reads {@code output} into {@code lines} until a line matches {@code pattern}, and returns the
     * number in its first group; fails with all lines read when the process ends first.
     */
    public static int readUntil(BufferedReader output, Pattern pattern, List<String> lines, Process process)
            throws IOException {
        String line;
        while ((line = output.readLine()) != null) {
            lines.add(line);
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
        }
        throw new AssertionError(
                "dqms exited (" + process.isAlive() + ") before it was ready:\n" + String.join("\n", lines));
    }

    /** The status of the readiness probe of the server on {@code port}. */
    public static int readinessStatus(int port) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
