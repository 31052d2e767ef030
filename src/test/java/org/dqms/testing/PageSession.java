package org.dqms.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser's view of the pages, without the browser: signs in through the {@code /sign-in} form,
 * keeps the session and CSRF cookies, and posts forms with the {@code _csrf} field of the page it
 * got last, as a browser submitting that page would. Redirects are not followed, so a test sees them.
 */
public final class PageSession {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern CSRF_REVERSED = Pattern.compile("value=\"([^\"]+)\" name=\"_csrf\"");

    private final int port;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String csrf;

    private PageSession(int port) {
        this.port = port;
    }

    /** Nobody signed in. */
    public static PageSession anonymous(int port) {
        return new PageSession(port);
    }

    /** Signed in through the form, as its page rendered it; fails unless the sign-in redirects. */
    public static PageSession signIn(int port, String email, String password) {
        PageSession session = new PageSession(port);
        session.get("/sign-in");
        HttpResponse<String> response = session.post("/sign-in", Map.of("email", email, "password", password));
        if (response.statusCode() != 302 || !session.cookies.containsKey("dqms_access")) {
            throw new IllegalStateException("sign-in answered " + response.statusCode() + ": " + response.body());
        }
        return session;
    }

    public HttpResponse<String> get(String path) {
        HttpResponse<String> response =
                send(request(path).header("Accept", "text/html").GET());
        Matcher field = CSRF.matcher(response.body());
        Matcher reversed = CSRF_REVERSED.matcher(response.body());
        if (field.find()) {
            csrf = field.group(1);
        } else if (reversed.find()) {
            csrf = reversed.group(1);
        }
        return response;
    }

    /** Posts the form fields, with the {@code _csrf} field of the last page when there was one. */
    public HttpResponse<String> post(String path, Map<String, String> fields) {
        Map<String, String> form = new LinkedHashMap<>(fields);
        if (csrf != null) {
            form.putIfAbsent("_csrf", csrf);
        }
        return postPairs(
                path,
                form.entrySet().stream()
                        .flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
                        .toArray(String[]::new));
    }

    /** Posts the form exactly as given, as name, value pairs in which a name may repeat; no CSRF token added. */
    public HttpResponse<String> postPairs(String path, String... pairs) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (!body.isEmpty()) {
                body.append('&');
            }
            body.append(encode(pairs[i])).append('=').append(encode(pairs[i + 1]));
        }
        return send(request(path)
                .header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** The {@code Cookie} header the session sends; empty before sign-in. */
    public Map<String, String> cookieHeader() {
        return cookies.isEmpty() ? Map.of() : Map.of("Cookie", cookieValue());
    }

    public URI uri(String path) {
        return URI.create(path.startsWith("http") ? path : "http://localhost:" + port + path);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookieValue());
        }
        return request;
    }

    private String cookieValue() {
        return cookies.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; "));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String header : response.headers().allValues("Set-Cookie")) {
                String[] pair = header.split(";", 2)[0].split("=", 2);
                if (pair[1].isEmpty()) {
                    cookies.remove(pair[0]);
                } else {
                    cookies.put(pair[0], pair[1]);
                }
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
