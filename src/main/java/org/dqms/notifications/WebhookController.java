package org.dqms.notifications;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.dqms.notifications.OutboxRepository.Delivery;
import org.dqms.platform.Deployment;
import org.dqms.platform.NotFoundException;
import org.dqms.platform.ServerOnly;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Administrators register integrators' endpoints. The answer to a registration is the only place
 * the endpoint's secret is ever shown; each endpoint's delivery log is kept in the outbox.
 */
@RestController
@ServerOnly
class WebhookController {

    static final Set<String> EVENTS = Set.of(
            "token.joined",
            "token.called",
            "token.recalled",
            "token.started",
            "token.completed",
            "token.no_show",
            "token.cancelled",
            "token.transferred",
            "token.expired");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookEndpoints endpoints;
    private final SubscribedEndpoints subscribed;
    private final OutboxRepository outbox;
    private final Deployment deployment;
    private final Clock clock;

    WebhookController(
            WebhookEndpoints endpoints,
            SubscribedEndpoints subscribed,
            OutboxRepository outbox,
            Deployment deployment,
            Clock clock) {
        this.endpoints = endpoints;
        this.subscribed = subscribed;
        this.outbox = outbox;
        this.deployment = deployment;
        this.clock = clock;
    }

    record NewEndpoint(
            @NotBlank @Size(max = 2000) String url,
            @NotEmpty List<@NotNull String> events) {}

    /** An endpoint as listed: no secret. */
    record EndpointView(long id, String url, List<String> events, boolean active) {}

    /** The registration's answer: the secret, once. */
    record Registered(long id, String url, List<String> events, String secret) {}

    @PostMapping("/api/v1/webhooks")
    ResponseEntity<Registered> register(@Valid @RequestBody NewEndpoint request) {
        URI url = endpointUrl(request.url());
        for (String event : request.events()) {
            if (!EVENTS.contains(event)) {
                throw new IllegalArgumentException("events: unknown event " + event + "; known: " + EVENTS);
            }
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        List<String> events = request.events().stream().distinct().sorted().toList();
        long id = endpoints.add(url.toString(), secret, events, clock.instant());
        subscribed.changed();
        return ResponseEntity.created(URI.create("/api/v1/webhooks/" + id))
                .body(new Registered(id, url.toString(), events, secret));
    }

    /**
     * The endpoint's address with its scheme in lower case: an absolute https URL (http too outside
     * production) with a host. Refused (400) otherwise, without repeating the address, which may
     * carry a token of the integrator's.
     */
    private URI endpointUrl(String text) {
        String stripped = text.strip();
        URI url;
        try {
            url = new URI(stripped);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url: not a valid URL");
        }
        if (url.getScheme() == null || url.isOpaque() || url.getRawAuthority() == null) {
            throw new IllegalArgumentException(
                    "url: must be an absolute URL with a host, such as https://his.example/hooks");
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && !deployment.production())) {
            throw new IllegalArgumentException("url: must be an https URL");
        }
        return URI.create(scheme + stripped.substring(url.getScheme().length()));
    }

    @GetMapping("/api/v1/webhooks")
    List<EndpointView> list() {
        return endpoints.all().stream()
                .map(e -> new EndpointView(e.id(), e.url(), e.events(), e.active()))
                .toList();
    }

    /**
     * Removes the endpoint at once for the API and the senders; its delivery log goes later
     * ({@link RemovedEndpointsPurge}), so no join, call or check-in waits for it or fails.
     */
    @DeleteMapping("/api/v1/webhooks/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        boolean removed = endpoints.remove(id, clock.instant());
        subscribed.changed();
        if (!removed) {
            throw new NotFoundException("Webhook endpoint", id);
        }
        return ResponseEntity.noContent().build();
    }

    /** The endpoint's latest deliveries, newest first, with status, attempts and last error. */
    @GetMapping("/api/v1/webhooks/{id}/deliveries")
    List<Delivery> deliveries(@PathVariable long id) {
        endpoints.find(id).orElseThrow(() -> new NotFoundException("Webhook endpoint", id));
        return outbox.ofEndpoint(id);
    }
}
