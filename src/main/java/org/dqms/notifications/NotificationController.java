package org.dqms.notifications;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dqms.notifications.OutboxRepository.Delivery;
import org.dqms.platform.ConflictException;
import org.dqms.platform.NotFoundException;
import org.dqms.platform.ServerOnly;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Deliveries for administrators (per token, the failures, and a retry), and the gateway's inbound
 * messages: a patient answering STOP gets no more SMS or WhatsApp, START undoes it.
 */
@RestController
@ServerOnly
class NotificationController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OutboxRepository outbox;
    private final FailedRetry retries;
    private final OptOuts optOuts;
    private final Senders senders;
    private final Clock clock;

    NotificationController(
            OutboxRepository outbox, FailedRetry retries, OptOuts optOuts, Senders senders, Clock clock) {
        this.outbox = outbox;
        this.retries = retries;
        this.optOuts = optOuts;
        this.senders = senders;
        this.clock = clock;
    }

    @GetMapping("/api/v1/notifications")
    List<Delivery> ofToken(@RequestParam long tokenId) {
        return outbox.ofToken(tokenId);
    }

    @GetMapping("/api/v1/notifications/failures")
    List<Delivery> failures() {
        return outbox.failures();
    }

    /**
     * A FAILED message gets a fresh set of attempts: 409 for any other status, and for an SMS or
     * WhatsApp to a number that has answered STOP; 404 for none.
     */
    @PostMapping("/api/v1/notifications/{id}/retry")
    Delivery retry(@PathVariable long id) {
        Delivery delivery = outbox.find(id).orElseThrow(() -> new NotFoundException("Notification", id));
        return switch (retries.retry(id)) {
            case RETRIED -> outbox.find(id).orElseThrow();
            case OPTED_OUT ->
                throw new ConflictException(
                        "Recipient opted out",
                        "The number answered STOP: no SMS or WhatsApp goes to it until it answers START.",
                        Map.of("reason", "opted-out"));
            case NOT_FAILED ->
                throw new ConflictException(
                        "Notification not failed",
                        "Only a FAILED notification can be retried; this one is " + delivery.status() + ".",
                        Map.of("currentStatus", delivery.status()));
        };
    }

    /**
     * A message from a patient through the signed webhook gateway, {@code {"from": "+91…", "text":
     * "STOP"}}, signed as dqms signs what it sends. 401 unless the signature holds.
     */
    @PostMapping("/api/v1/notifications/inbound")
    ResponseEntity<?> inbound(
            @RequestHeader(name = WebhookSender.TIMESTAMP, required = false) String timestamp,
            @RequestHeader(name = WebhookSender.SIGNATURE, required = false) String signature,
            @RequestBody(required = false) String body) {
        String text = body == null ? "" : body;
        if (senders.webhook().map(w -> !w.verifies(timestamp, text, signature)).orElse(true)) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.UNAUTHORIZED, "The message is not signed by the configured gateway.");
            problem.setTitle("Unsigned message");
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(problem);
        }
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("body: JSON with from and text");
        }
        String from = message.path("from").asString("");
        String word = message.path("text").asString("").strip().toUpperCase(Locale.ROOT);
        if (!from.matches("\\+[1-9][0-9]{6,14}")) {
            throw new IllegalArgumentException("from: must be in E.164 form");
        }
        switch (word) {
            case "STOP", "UNSUBSCRIBE", "CANCEL", "END", "QUIT" -> optOuts.stop(from, clock.instant());
            case "START", "UNSTOP" -> optOuts.start(from);
            default -> {
                // Anything else is not a command to dqms.
            }
        }
        return ResponseEntity.noContent().build();
    }
}
