package org.dqms.live;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.dqms.accounts.AccountService;
import org.dqms.testing.ApiClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Joins and calls over the HTTP API, as the pages and phones do, for the live tests. */
final class LiveApi {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger PHONES = new AtomicInteger((int) (System.nanoTime() % 10_000_000));

    private final int port;
    private final AccountService accounts;

    LiveApi(int port, AccountService accounts) {
        this.port = port;
        this.accounts = accounts;
    }

    /** A patient joins from the QR page; the token as the API returns it. */
    JsonNode join(long departmentId) {
        ApiClient patient = ApiClient.anonymous(port);
        String phone = "+9198" + String.format("%08d", PHONES.incrementAndGet() % 100_000_000);
        HttpResponse<String> response = patient.send(json(
                patient,
                "/api/v1/departments/" + departmentId + "/tokens",
                Map.of("patientName", "Live Patient", "phone", phone)));
        return expect(response, 201);
    }

    /** The doctor calls the next patient; the called token. */
    JsonNode callNext(long doctorId) {
        ApiClient doctor = ApiClient.asDoctor(port, accounts, doctorId);
        return expect(doctor.send(json(doctor, "/api/v1/doctors/" + doctorId + "/call-next", Map.of())), 200);
    }

    private static HttpRequest.Builder json(ApiClient client, String path, Map<String, ?> body) {
        return HttpRequest.newBuilder(client.uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }

    static JsonNode expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new AssertionError("expected " + status + ", got " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    static JsonNode data(org.dqms.testing.EventStream.Event event) {
        return JSON.readTree(event.data());
    }
}
