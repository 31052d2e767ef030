package org.dqms.notifications;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One POST to a provider, a gateway or an integrator, its answer read in full within the attempt's
 * deadline. {@link HttpRequest#timeout} bounds only the wait for the answer's headers: a server that
 * answers 200 and then trickles its body would hold the dispatcher for as long as the body lasts.
 * Cancelling the exchange at the deadline closes its connection.
 *
 * <p>2xx is sent; a 4xx other than 408, 425 and 429 refuses the message; anything else is worth
 * another attempt, not before the {@code Retry-After} of a 429 or 503.
 */
final class HttpDelivery {

    // The 4xx answers that say "not now" rather than "not this message".
    private static final Set<Integer> TRANSIENT = Set.of(408, 425, 429);

    private HttpDelivery() {}

    /** Sends the request; throws unless it was answered 2xx in time. */
    static void post(HttpClient http, HttpRequest request, Duration deadline, String party) throws Sender.SendFailure {
        CompletableFuture<HttpResponse<Void>> exchange =
                http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        HttpResponse<Void> response = AttemptDeadline.await(exchange, deadline, () -> exchange.cancel(true), party);
        int status = response.statusCode();
        if (status / 100 == 2) {
            return;
        }
        String answered = party + " answered " + status;
        if (status / 100 == 4 && !TRANSIENT.contains(status)) {
            // An invalid number, bad credentials, a patient who opted out: sending again changes nothing.
            throw Sender.SendFailure.refusal(answered);
        }
        if (status == 429 || status == 503) {
            throw Sender.SendFailure.busy(
                    answered, response.headers().firstValue("Retry-After").orElse(null));
        }
        throw new Sender.SendFailure(answered);
    }
}
