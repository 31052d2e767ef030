package org.dqms.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plain HTTP requests against the running application, with whatever headers a test needs, for
 * tests about the HTTP layer itself (headers, cookies, CORS, client addresses). Headers are given
 * as name, value pairs.
 */
public final class RawHttp {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final String clientIp;

    public RawHttp(int port) {
        this("http://localhost:" + port, null);
    }

    private RawHttp(String baseUrl, String clientIp) {
        this.baseUrl = baseUrl;
        this.clientIp = clientIp;
    }

    /** The same client, its requests coming from {@code ip} (sent as X-Forwarded-For). */
    public RawHttp from(String ip) {
        return new RawHttp(baseUrl, ip);
    }

    public Response get(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    public Response post(String path, Object body, String... headers) {
        return send(json(request(path, headers)).POST(body(body)));
    }

    public Response put(String path, Object body, String... headers) {
        return send(json(request(path, headers)).PUT(body(body)));
    }

    public Response delete(String path, String... headers) {
        return send(request(path, headers).DELETE());
    }

    public Response postForm(String path, String form, String... headers) {
        return send(request(path, headers)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    public Response options(String path, String... headers) {
        return send(request(path, headers).method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    }

    /** Signs in and returns the token response. */
    public JsonNode signIn(String email, String password) {
        Response response = post("/api/v1/auth/sign-in", Map.of("email", email, "password", password));
        if (response.status() != 200) {
            throw new IllegalStateException("sign-in answered " + response.status() + ": " + response.body());
        }
        return response.json();
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (clientIp != null) {
            builder.header("X-Forwarded-For", clientIp);
        }
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private static HttpRequest.Builder json(HttpRequest.Builder builder) {
        return builder.header("Content-Type", "application/json");
    }

    private static HttpRequest.BodyPublisher body(Object body) {
        return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            return new Response(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An answer, with what tests read of it. */
    public record Response(HttpResponse<String> raw) {

        public int status() {
            return raw.statusCode();
        }

        public String body() {
            return raw.body();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        /** The {@code Set-Cookie} header for the cookie, or null. */
        public String setCookie(String name) {
            return raw.headers().allValues("Set-Cookie").stream()
                    .filter(cookie -> cookie.startsWith(name + "="))
                    .reduce((first, last) -> last)
                    .orElse(null);
        }

        /** The value the response sets the cookie to, or null. */
        public String cookie(String name) {
            String header = setCookie(name);
            return header == null ? null : header.substring(name.length() + 1).split(";", 2)[0];
        }

        public JsonNode json() {
            return JSON.readTree(raw.body());
        }
    }
}
