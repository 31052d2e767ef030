package org.dqms.notifications;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Map;
import org.dqms.accounts.AccountService;
import org.dqms.department.Department;
import org.dqms.testing.ApiClient;
import org.dqms.testing.PageSession;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a patient's client sends: joins, bookings and the question which channels there are. */
final class PatientRequests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port;
    private final AccountService accounts;
    private final ApiClient anyone;

    PatientRequests(int port, AccountService accounts) {
        this.port = port;
        this.accounts = accounts;
        this.anyone = ApiClient.anonymous(port);
    }

    HttpResponse<String> join(Department department, Map<String, ?> body) {
        return anyone.send(anyone.post("/api/v1/departments/" + department.id() + "/tokens", body));
    }

    /** A walk-in that reception joins over the API. */
    HttpResponse<String> walkIn(Department department, Map<String, ?> body) {
        ApiClient reception = ApiClient.asReception(port, accounts, department.id());
        return reception.send(reception.post("/api/v1/departments/" + department.id() + "/tokens", body));
    }

    /** A booking plan of the department with 15-minute slots, made by an administrator; its id. */
    long plan(Department department) {
        ApiClient admin = ApiClient.asAdmin(port, accounts);
        HttpResponse<String> created = admin.send(admin.post(
                "/api/v1/booking-plans",
                Map.of(
                        "departmentId",
                        department.id(),
                        "plan",
                        Map.of("slotMinutes", 15, "capacityPerSlot", 2, "walkInSharePercent", 0, "horizonDays", 14))));
        return json(created).get("id").asLong();
    }

    /** The first slot of the plan tomorrow, as the booking API takes it. */
    String slotTomorrow(Department department, long plan) {
        LocalDate tomorrow = department.today(java.time.Instant.now()).plusDays(1);
        HttpResponse<String> slots = anyone.send(
                HttpRequest.newBuilder(anyone.uri("/api/v1/booking-plans/" + plan + "/slots?date=" + tomorrow)));
        return json(slots).get(0).get("startsAt").asString();
    }

    HttpResponse<String> book(long plan, Map<String, ?> body) {
        return anyone.send(anyone.post("/api/v1/booking-plans/" + plan + "/appointments", body));
    }

    /** The channels {@code GET /api/v1/notifications/channels} lists, as names. */
    java.util.List<String> channels() {
        HttpResponse<String> response =
                anyone.send(HttpRequest.newBuilder(anyone.uri("/api/v1/notifications/channels")));
        if (response.statusCode() != 200) {
            throw new AssertionError("channels answered " + response.statusCode() + ": " + response.body());
        }
        return json(response)
                .get("channels")
                .valueStream()
                .map(JsonNode::asString)
                .toList();
    }

    /** The join page's form as Meena fills it in, the channel ticked, posted after the page was shown. */
    static HttpResponse<String> joinForm(
            PageSession patient, Department department, String phone, String formKey, String channel) {
        patient.get("/join/" + department.id());
        return patient.post(
                "/join/" + department.id(),
                Map.of("patientName", "Meena", "phone", phone, "idempotencyKey", formKey, "notifications", channel));
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
