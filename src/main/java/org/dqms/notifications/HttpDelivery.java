package org.dqms.notifications;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One POST to a provider, a gateway or an integrator, its answer read in full within the attempt's
 * deadline. {@link HttpRequest#timeout} bounds only the wait for the answer's headers: a server that
 * answers 200 and then trickles its body would hold the dispatcher for as long as the body lasts.
 * Cancelling the exchange at the deadline closes its connection.
 */
final class HttpDelivery {

    private HttpDelivery() {}

    /** Sends the request; throws unless it was answered 2xx in time. */
    static void post(HttpClient http, HttpRequest request, Duration deadline, String party) throws Sender.SendFailure {
        CompletableFuture<HttpResponse<Void>> exchange =
                http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        HttpResponse<Void> response = AttemptDeadline.await(exchange, deadline, () -> exchange.cancel(true), party);
        if (response.statusCode() / 100 != 2) {
            throw new Sender.SendFailure(party + " answered " + response.statusCode());
        }
    }
}
