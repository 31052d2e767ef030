package org.dqms.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.dqms.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The application's firewall refuses a control character in a header it reads and lets a tab pass. */
@IntegrationTest
class FirewallTest {

    @LocalServerPort
    int port;

    @Test
    void aControlCharacterInAHeaderIsRefused() throws IOException {
        assertThat(statusWithAccept("application/json\u0085")).isEqualTo(400);
    }

    @Test
    void aTabInAHeaderValuePasses() throws IOException {
        assertThat(statusWithAccept("application/json,\t*/*")).isEqualTo(200);
    }

    /** The status of a public GET whose Accept header, read by content negotiation, is sent byte for byte. */
    private int statusWithAccept(String accept) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/departments HTTP/1.1\r\nHost: localhost\r\nAccept: " + accept
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }
}
