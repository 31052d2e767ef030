package org.dqms.pages;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.dqms.testing.ApiClient;
import tools.jackson.databind.json.JsonMapper;

/** Reception issuing a walk-in token through the API, as its desk would. */
final class LiveIssue {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LiveIssue() {}

    static String walkIn(ApiClient reception, long departmentId) {
        String phone = "+9197" + String.format("%08d", (int) (Math.random() * 100_000_000));
        HttpResponse<String> response =
                reception.send(HttpRequest.newBuilder(reception.uri("/api/v1/departments/" + departmentId + "/tokens"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"patientName\":\"Walk In\",\"phone\":\"" + phone
                                + "\",\"channel\":\"RECEPTION\"}")));
        if (response.statusCode() != 201) {
            throw new AssertionError("walk-in answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).get("number").asString();
    }
}
