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
 * A browser on the pages, as far as tests need one: it signs in with the sign-in form, keeps the
 * cookies the application sets, follows no redirects, and sends a form with the {@code _csrf} value
 * of the page that holds it, as a browser would.
 *
 * <pre>{@code
 * FormSession admin = FormSession.signIn(port, email, password);
 * FormSession.Page form = admin.get("/admin/departments/new");
 * FormSession.Page created = admin.submit(form, "/admin/departments", "name", "Cardiology", ...);
 * }</pre>
 */
public final class FormSession {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final int port;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    private FormSession(int port) {
        this.port = port;
    }

    /** No cookies: a visitor who has not signed in. */
    public static FormSession anonymous(int port) {
        return new FormSession(port);
    }

    /** Signs in through the sign-in form; fails unless it redirects, as it does on success. */
    public static FormSession signIn(int port, String email, String password) {
        FormSession session = new FormSession(port);
        Page signedIn = session.post("/sign-in", "email", email, "password", password);
        if (signedIn.status() != 302 || !session.cookies.containsKey("dqms_access")) {
            throw new IllegalStateException("sign-in answered " + signedIn.status());
        }
        return session;
    }

    /** A page as the application answered it. */
    public record Page(int status, String body, String location) {

        /** The CSRF token of the page's forms. */
        public String csrf() {
            Matcher matcher = CSRF.matcher(body);
            if (!matcher.find()) {
                throw new IllegalStateException("the page has no form with a CSRF token");
            }
            return matcher.group(1);
        }
    }

    public Page get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** Sends a form of {@code page} to {@code action}, with the page's CSRF token; fields as name, value pairs. */
    public Page submit(Page page, String action, String... fields) {
        String[] withToken = new String[fields.length + 2];
        System.arraycopy(fields, 0, withToken, 0, fields.length);
        withToken[fields.length] = "_csrf";
        withToken[fields.length + 1] = page.csrf();
        return post(action, withToken);
    }

    /** Sends a form as it stands, without adding a CSRF token. */
    public Page post(String path, String... fields) {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < fields.length; i += 2) {
            if (!form.isEmpty()) {
                form.append('&');
            }
            form.append(URLEncoder.encode(fields[i], StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())));
    }

    private URI uri(String path) {
        return URI.create(path.startsWith("http") ? path : "http://localhost:" + port + path);
    }

    private Page send(HttpRequest.Builder request) {
        // What a browser asks for: an error then comes as the error page, not as JSON.
        request.header("Accept", "text/html,application/xhtml+xml");
        if (!cookies.isEmpty()) {
            request.header(
                    "Cookie",
                    cookies.entrySet().stream()
                            .map(c -> c.getKey() + "=" + c.getValue())
                            .collect(Collectors.joining("; ")));
        }
        HttpResponse<String> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        response.headers().allValues("Set-Cookie").forEach(this::keep);
        return new Page(
                response.statusCode(),
                response.body(),
                response.headers().firstValue("Location").orElse(null));
    }

    private void keep(String setCookie) {
        String pair = setCookie.split(";", 2)[0];
        int equals = pair.indexOf('=');
        String name = pair.substring(0, equals);
        String value = pair.substring(equals + 1);
        if (value.isEmpty()) {
            cookies.remove(name);
        } else {
            cookies.put(name, value);
        }
    }
}
