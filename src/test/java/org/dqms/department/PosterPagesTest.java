package org.dqms.department;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.xml.parsers.DocumentBuilderFactory;
import org.dqms.testing.Hospital;
import org.dqms.testing.IntegrationTest;
import org.dqms.testing.PageSession;
import org.dqms.testing.QrDecoder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.w3c.dom.Element;

/** The waiting room's QR code and poster, without DQMS_PUBLIC_URL: links follow the request's host. */
@IntegrationTest
class PosterPagesTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    DepartmentService departments;

    private PageSession visitor;
    private Department department;

    @BeforeEach
    void setUp() {
        visitor = PageSession.anonymous(port);
        department = new Hospital(context).department();
    }

    @Test
    void theQrCodeOpensTheJoinPageAndMayBeCached() {
        HttpResponse<String> qr = visitor.get("/departments/" + department.id() + "/qr.svg");

        assertThat(qr.statusCode()).isEqualTo(200);
        assertThat(qr.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("image/svg+xml"));
        assertThat(qr.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(cache ->
                        assertThat(cache).contains("max-age=86400", "public").doesNotContain("no-store"));
        assertThat(QrDecoder.decodeSvg(qr.body())).isEqualTo(joinUrl());
    }

    /** The image is XML: a name outside ASCII or with markup characters must still parse. */
    @ParameterizedTest
    @ValueSource(strings = {"Children’s OPD", "Orthopédie", "A&E <Adults> \"Main\" 'B'", "नेत्र विभाग"})
    void theQrCodeIsWellFormedXmlForAnyName(String name) throws Exception {
        Department named = departments.create(
                TestDepartments.ADMIN, TestDepartments.details(name + " " + TestDepartments.uniquePrefix()));

        HttpResponse<byte[]> qr = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(visitor.uri("/departments/" + named.id() + "/qr.svg"))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());

        assertThat(qr.statusCode()).isEqualTo(200);
        Element svg = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(qr.body()))
                .getDocumentElement();
        assertThat(svg.getAttribute("aria-label")).isEqualTo("QR code to join the queue of " + named.name());
    }

    @Test
    void thePosterShowsNameQrJoinAddressAndHours() {
        HttpResponse<String> poster = visitor.get("/departments/" + department.id() + "/poster");

        assertThat(poster.statusCode()).isEqualTo(200);
        assertThat(poster.body())
                .contains(department.name(), "Scan to join the queue", joinUrl(), "Opening hours", "00:00–23:59")
                .contains("Asia/Kolkata");
        assertThat(QrDecoder.decodeSvg(poster.body())).isEqualTo(joinUrl());
    }

    @Test
    void thePosterSpeaksHindi() {
        HttpResponse<String> poster = visitor.get("/departments/" + department.id() + "/poster?lang=hi");

        assertThat(poster.body()).contains("कतार में शामिल होने के लिए स्कैन करें", "सोमवार");
    }

    @Test
    void anUnknownDepartmentIsTheNotFoundPage() {
        HttpResponse<String> poster = visitor.get("/departments/987654321/poster");
        HttpResponse<String> qr = visitor.get("/departments/987654321/qr.svg");

        assertThat(poster.statusCode()).isEqualTo(404);
        assertThat(poster.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(poster.body()).contains("This page does not exist");
        assertThat(qr.statusCode()).isEqualTo(404);
    }

    private String joinUrl() {
        return "http://localhost:" + port + "/join/" + department.id();
    }
}
