package org.dqms.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.dqms.accounts.AccountService;
import org.dqms.accounts.Role;
import org.dqms.accounts.UserAccount;
import org.dqms.platform.Actor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends API requests as a signed-in user: the account is made through the accounts module, signed
 * in through {@code POST /api/v1/auth/sign-in}, and every request carries its bearer token. Tests
 * move the application's clock, which can expire an access token; a 401 is then answered by signing
 * in again and sending the request once more. {@link #anonymous(int)} sends no token at all.
 *
 * <pre>{@code
 * ApiClient admin = ApiClient.asAdmin(port, accounts);
 * HttpResponse<String> created = admin.send(HttpRequest.newBuilder(admin.uri("/api/v1/departments")) ...);
 * }</pre>
 */
public final class ApiClient {

    /** The password of every account made here; the password policy accepts it. */
    public static final String PASSWORD = "Quiet-Harbour-Lantern-93";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Actor SETUP = Actor.staff("test-setup");

    // One administrator per running application (port), as creating and signing in costs a bcrypt each.
    private static final Map<Integer, ApiClient> ADMINS = new ConcurrentHashMap<>();

    // A doctor record has one account at most; "port:doctorId".
    private static final Map<String, ApiClient> DOCTORS = new ConcurrentHashMap<>();

    private final int port;
    private final UserAccount account;
    private volatile String accessToken;

    private ApiClient(int port, UserAccount account) {
        this.port = port;
        this.account = account;
        if (account != null) {
            signIn();
        }
    }

    /** No account, no token: the patient on the QR page. */
    public static ApiClient anonymous(int port) {
        return new ApiClient(port, null);
    }

    /** An administrator, shared by the tests that run against this application. */
    public static ApiClient asAdmin(int port, AccountService accounts) {
        return ADMINS.computeIfAbsent(port, p -> staff(p, accounts, Role.ADMIN, Set.of(), null));
    }

    public static ApiClient asReception(int port, AccountService accounts, long... departmentIds) {
        Set<Long> departments =
                java.util.Arrays.stream(departmentIds).boxed().collect(java.util.stream.Collectors.toSet());
        return staff(port, accounts, Role.RECEPTION, departments, null);
    }

    /** The account of the doctor record, made on first use. */
    public static ApiClient asDoctor(int port, AccountService accounts, long doctorId) {
        return DOCTORS.computeIfAbsent(
                port + ":" + doctorId, key -> staff(port, accounts, Role.DOCTOR, Set.of(), doctorId));
    }

    /** A new patient account, signed up through the accounts module. */
    public static ApiClient asPatient(int port, AccountService accounts) {
        UserAccount account =
                accounts.signUpPatient(SETUP, "Test Patient", "+919800000002", email("patient"), PASSWORD);
        return new ApiClient(port, account);
    }

    private static ApiClient staff(
            int port, AccountService accounts, Role role, Set<Long> departmentIds, Long doctorId) {
        String local = role.name().toLowerCase(java.util.Locale.ROOT);
        UserAccount account = accounts.createStaff(
                SETUP, email(local), "Test " + role.name(), role, departmentIds, doctorId, PASSWORD);
        return new ApiClient(port, account);
    }

    private static String email(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@hospital.example";
    }

    /** The signed-in account; null for {@link #anonymous(int)}. */
    public UserAccount account() {
        return account;
    }

    public URI uri(String path) {
        return URI.create(path.startsWith("http") ? path : "http://localhost:" + port + path);
    }

    /** A POST of {@code body} as JSON to the path, to pass to {@link #send}. */
    public HttpRequest.Builder post(String path, Object body) {
        return HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }

    /** Sends the request with the bearer token, signing in again once if the token has expired. */
    public HttpResponse<String> send(HttpRequest.Builder request) {
        if (account == null) {
            return exchange(request.build());
        }
        HttpResponse<String> response = exchange(withToken(request.copy()));
        if (response.statusCode() == 401) {
            signIn();
            response = exchange(withToken(request.copy()));
        }
        return response;
    }

    private HttpRequest withToken(HttpRequest.Builder request) {
        return request.setHeader("Authorization", "Bearer " + accessToken).build();
    }

    private void signIn() {
        HttpResponse<String> response = exchange(HttpRequest.newBuilder(uri("/api/v1/auth/sign-in"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(Map.of("email", account.email(), "password", PASSWORD))))
                .build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("sign-in answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode tokens = JSON.readTree(response.body());
        accessToken = tokens.get("accessToken").asString();
    }

    private static HttpResponse<String> exchange(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
