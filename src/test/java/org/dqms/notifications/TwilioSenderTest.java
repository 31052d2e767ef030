package org.dqms.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.dqms.queue.NotifyChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Twilio-compatible adapter against a provider on loopback: what it posts, and refusals. */
class TwilioSenderTest {

    private MockWebServer server;
    private ProviderStandIn provider;

    @BeforeEach
    void start() throws IOException {
        provider = new ProviderStandIn(TwilioSender.IDEMPOTENCY, 1);
        server = new MockWebServer();
        server.setDispatcher(provider);
        server.start(0);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void postsTheMessageWithBasicAuthAndTheIdempotencyTokenAndReportsA500() throws Exception {
        TwilioSender sender = new TwilioSender(
                HttpClient.newHttpClient(),
                server.url("/").toString(),
                "AC42",
                "secret-token",
                "+15550001111",
                "+15550002222",
                Duration.ofSeconds(5));
        Message sms = new Message(1, "called:7:1:SMS", NotifyChannel.SMS, "+919812345678", "", "Please go to Room 4");
        Message whatsapp = new Message(2, "called:7:1:WHATSAPP", NotifyChannel.WHATSAPP, "+919812345678", "", "Hi");

        assertThatThrownBy(() -> sender.send(sms))
                .isInstanceOf(Sender.SendFailure.class)
                .hasMessageContaining("500");
        sender.send(sms);
        sender.send(whatsapp);

        RecordedRequest delivered = provider.delivered().get(0);
        assertThat(delivered.getMethod()).isEqualTo("POST");
        assertThat(delivered.getUrl().encodedPath()).isEqualTo("/2010-04-01/Accounts/AC42/Messages.json");
        assertThat(delivered.getHeaders().get("Authorization"))
                .isEqualTo("Basic "
                        + Base64.getEncoder().encodeToString("AC42:secret-token".getBytes(StandardCharsets.UTF_8)));
        assertThat(delivered.getHeaders().get(TwilioSender.IDEMPOTENCY)).isEqualTo("called:7:1:SMS");
        assertThat(URLDecoder.decode(delivered.getBody().string(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .isEqualTo("To=+919812345678&From=+15550001111&Body=Please go to Room 4");
        assertThat(URLDecoder.decode(
                        provider.delivered().get(1).getBody().string(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .startsWith("To=whatsapp:+919812345678&From=whatsapp:+15550002222");
        assertThat(provider.delivered()).hasSize(2);
    }
}
