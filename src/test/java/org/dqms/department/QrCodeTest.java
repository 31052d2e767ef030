package org.dqms.department;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.common.BitMatrix;
import org.dqms.testing.QrDecoder;
import org.junit.jupiter.api.Test;

/** The QR codes dqms draws: what a scanner reads back, and an SVG with exactly the code's modules. */
class QrCodeTest {

    private static final String JOIN = "https://queue.hospital.example/join/42";

    @Test
    void theMatrixDecodesBackToTheText() {
        assertThat(QrDecoder.decode(QrCode.matrix(JOIN))).isEqualTo(JOIN);
    }

    /** Every token's link must read back, whatever its random part. */
    @Test
    void manyDifferentLinksAllDecodeBackFromTheirSvg() {
        for (int i = 0; i < 300; i++) {
            String link = "https://queue.hospital.example/t/" + java.util.UUID.randomUUID();
            org.assertj.core.api.Assertions.assertThat(org.dqms.testing.QrDecoder.decodeSvg(QrCode.svg(link, "label")))
                    .isEqualTo(link);
        }
    }

    @Test
    void theMatrixHasAQuietZoneOfFourModules() {
        BitMatrix matrix = QrCode.matrix(JOIN);
        int[] box = matrix.getEnclosingRectangle();

        assertThat(box[0]).isEqualTo(QrCode.MARGIN);
        assertThat(box[1]).isEqualTo(QrCode.MARGIN);
        assertThat(matrix.getWidth() - box[0] - box[2]).isEqualTo(QrCode.MARGIN);
    }

    @Test
    void theSvgPathDrawsExactlyTheDarkModules() {
        BitMatrix matrix = QrCode.matrix(JOIN);

        BitMatrix drawn = QrDecoder.modules(QrCode.svg(JOIN, "QR"));

        assertThat(QrDecoder.darkModules(drawn)).isEqualTo(QrDecoder.darkModules(matrix));
        assertThat(drawn).isEqualTo(matrix);
    }

    @Test
    void aLabelWithCharactersXmlForbidsStillParses() throws Exception {
        String svg = QrCode.svg(JOIN, "Ward\u0007 \uD800B & 'C'");

        org.w3c.dom.Element root = javax.xml.parsers.DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .getDocumentElement();

        assertThat(root.getAttribute("aria-label")).isEqualTo("Ward\uFFFD \uFFFDB & 'C'");
    }

    @Test
    void theSvgDecodesAndHasNoInlineStyle() {
        String svg = QrCode.svg(JOIN, "QR code <of> \"General OPD\"");

        assertThat(QrDecoder.decodeSvg(svg)).isEqualTo(JOIN);
        assertThat(svg)
                .startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")
                .contains("aria-label=\"QR code &lt;of&gt; &quot;General OPD&quot;\"")
                .doesNotContain("style=")
                .containsOnlyOnce("<path ");
    }
}
