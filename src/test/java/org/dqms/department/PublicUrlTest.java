package org.dqms.department;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.dqms.testing.Hospital;
import org.dqms.testing.IntegrationTest;
import org.dqms.testing.PageSession;
import org.dqms.testing.QrDecoder;
import org.dqms.testing.RunningApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/** DQMS_PUBLIC_URL is where printed QR codes point, whatever host the request came in on; a bad one stops the start. */
@IntegrationTest
@TestPropertySource(properties = "DQMS_PUBLIC_URL=https://queue.hospital.example/")
@ExtendWith(OutputCaptureExtension.class)
class PublicUrlTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void theQrCodeAndPosterUseThePublicUrl() {
        Department department = new Hospital(context).department();
        PageSession visitor = PageSession.anonymous(port);
        String join = "https://queue.hospital.example/join/" + department.id();

        String qr = visitor.get("/departments/" + department.id() + "/qr.svg").body();
        String poster =
                visitor.get("/departments/" + department.id() + "/poster").body();

        assertThat(QrDecoder.decodeSvg(qr)).isEqualTo(join);
        assertThat(poster).contains(join).doesNotContain("localhost:" + port + "/join");
    }

    @Test
    void aPublicUrlThatIsNotAnAbsoluteHttpUrlStopsTheStartInOneLine(CapturedOutput output) {
        assertThatThrownBy(() -> RunningApp.start(Map.of("DQMS_PUBLIC_URL", "queue.hospital.example"))
                        .close())
                .isInstanceOf(RuntimeException.class);

        var lines = output.getAll()
                .lines()
                .filter(line -> line.contains("dqms cannot start: "))
                .toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0))
                .contains("dqms cannot start: DQMS_PUBLIC_URL (dqms.posters.public-url): must be an absolute http or"
                        + " https URL");
        assertThat(output.getAll()).doesNotContain("APPLICATION FAILED TO START");
    }
}
