package org.dqms.department;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.dqms.testing.ApiClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small JSON client for API tests against the running application on its random port. */
public final class JsonApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ApiClient client;

    /** Anonymous: no access token. */
    public JsonApi(int port) {
        this(ApiClient.anonymous(port));
    }

    /** As the client's signed-in user, e.g. {@code new JsonApi(ApiClient.asAdmin(port, accounts))}. */
    public JsonApi(ApiClient client) {
        this.client = client;
    }

    public static JsonNode parse(String json) {
        return JSON.readTree(json);
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Response post(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path)).POST(json(body)));
    }

    public Response put(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path)).PUT(json(body)));
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    private URI uri(String path) {
        return client.uri(path);
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        return HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body));
    }

    private Response send(HttpRequest.Builder request) {
        HttpResponse<String> response = client.send(request.header("Content-Type", "application/json")
                .header("Accept", "application/json, application/problem+json"));
        return new Response(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("Location").orElse(null),
                response.body());
    }

    public record Response(int status, String contentType, String location, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        /** The fields a validation Problem Details lists in {@code errors}. */
        public List<String> errorFields() {
            return json().path("errors")
                    .valueStream()
                    .map(error -> error.path("field").asString())
                    .toList();
        }
    }
}
