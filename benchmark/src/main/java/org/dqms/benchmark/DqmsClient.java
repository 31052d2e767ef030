package org.dqms.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * dqms' REST API over HTTP/1.1, as a phone, a doctor's console or an administrator's script calls
 * it: JSON bodies, bearer tokens for staff, nothing for patients. Set-up calls go through
 * {@code java.net.http}, the measured load over {@link KeepAliveConnections}.
 */
final class DqmsClient implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A request's answer and the moment it arrived. */
    record Reply(int status, String body, long arrivedNanos) {

        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private final URI base;
    private final ExecutorService executor;
    private final HttpClient http;
    private final KeepAliveConnections connections;

    /** Connections for the measured load: above the 50 doctors' consultations in flight at once. */
    static final int CONNECTIONS = 64;

    DqmsClient(URI base, int threads) {
        this.base = base;
        this.executor = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "dqms-client");
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(executor)
                .build();
        this.connections = new KeepAliveConnections(base, CONNECTIONS, Duration.ofSeconds(60));
    }

    HttpClient http() {
        return http;
    }

    URI base() {
        return base;
    }

    /**
     * A measured request, over the kept-alive connections: the load's own requests cost the shared
     * cores as little as a client can.
     */
    CompletableFuture<Reply> send(String method, String path, String json, String bearer, String forwardedFor) {
        List<String> headers = new ArrayList<>(8);
        if (json != null) {
            headers.addAll(List.of("Content-Type", "application/json"));
        }
        if (path.startsWith("/api/")) {
            headers.addAll(List.of("Accept", "application/json"));
        }
        if (bearer != null) {
            headers.addAll(List.of("Authorization", "Bearer " + bearer));
        }
        if (forwardedFor != null) {
            headers.addAll(List.of("X-Forwarded-For", forwardedFor));
        }
        return connections.send(method, path, json, headers);
    }

    private CompletableFuture<Reply> send(
            String method, String path, String json, String bearer, String forwardedFor, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.method(method, HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json");
        }
        if (path.startsWith("/api/")) {
            request.header("Accept", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Reply(r.statusCode(), r.body(), System.nanoTime()));
    }

    /**
     * A set-up call: waits for the answer and fails unless it is 2xx. A server still busy with the
     * load of a failed step gets a minute and two more tries (only for calls that create nothing
     * twice when retried: reads, PUTs, and POSTs whose failure left nothing behind).
     */
    JsonNode call(String method, String path, Object body, String bearer) {
        String json = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        RuntimeException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                Reply reply = send(method, path, json, bearer, null, Duration.ofSeconds(60)).join();
                if (reply.status() / 100 == 2) {
                    return reply.body() == null || reply.body().isEmpty() ? JSON.nullNode() : reply.json();
                }
                last = new IllegalStateException(
                        method + " " + path + " answered " + reply.status() + ": " + reply.body());
                if (reply.status() < 500) {
                    throw last;
                }
            } catch (java.util.concurrent.CompletionException e) {
                last = e;
            }
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw last;
            }
        }
        throw last;
    }

    /** Waits until dqms answers its readiness probe within a second again, after a step that overloaded it. */
    void awaitResponsive(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (send("GET", "/actuator/health/readiness", null, null, null, Duration.ofSeconds(1))
                                .join()
                                .status()
                        == 200) {
                    return;
                }
            } catch (java.util.concurrent.CompletionException e) {
                // Still busy.
            }
            Thread.sleep(500);
        }
    }

    /** Signs in and returns the access token. */
    String signIn(String email, String password) {
        return call("POST", "/api/v1/auth/sign-in", java.util.Map.of("email", email, "password", password), null)
                .get("accessToken")
                .asString();
    }

    /**
     * The first {@code "name":number} in a JSON body, without parsing it all: enough for the id at
     * the start of a token.
     */
    static long longField(String body, String name) {
        String key = "\"" + name + "\":";
        int at = body.indexOf(key);
        if (at < 0) {
            return -1;
        }
        int start = at + key.length();
        int end = start;
        while (end < body.length() && (Character.isDigit(body.charAt(end)) || body.charAt(end) == '-')) {
            end++;
        }
        return end == start ? -1 : Long.parseLong(body.substring(start, end));
    }

    @Override
    public void close() {
        connections.close();
        executor.shutdownNow();
    }
}
