package org.dqms.department;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;

/**
 * A QR code as SVG, drawn by dqms from ZXing's module matrix: one {@code <path>} of dark runs, so it
 * stays sharp at any print size and needs no imaging library. No {@code style} attribute: the pages'
 * Content-Security-Policy forbids inline styles. It is XML (served as {@code image/svg+xml}), so the
 * label carries only XML's own references, never HTML's named ones such as {@code &rsquo;}.
 */
public final class QrCode {

    /** The quiet zone around the code, in modules; scanners need four. */
    static final int MARGIN = 4;

    // M recovers 15% of the code: enough for a poster that is creased or partly covered.
    private static final Map<EncodeHintType, Object> HINTS = Map.of(
            EncodeHintType.ERROR_CORRECTION,
            ErrorCorrectionLevel.M,
            EncodeHintType.CHARACTER_SET,
            "UTF-8",
            EncodeHintType.MARGIN,
            MARGIN);

    private QrCode() {}

    /**
     * The SVG of a QR code that encodes the text.
     *
     * @param label what a screen reader says for the image
     */
    public static String svg(String text, String label) {
        BitMatrix matrix = matrix(text);
        int width = matrix.getWidth();
        int height = matrix.getHeight();
        StringBuilder svg = new StringBuilder(4096)
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append("\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"")
                .append(xmlAttribute(label))
                .append("\"><rect width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\" fill=\"#fff\"/><path fill=\"#000\" d=\"");
        for (int y = 0; y < height; y++) {
            int x = 0;
            while (x < width) {
                if (!matrix.get(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < width && matrix.get(x, y)) {
                    x++;
                }
                int run = x - start;
                svg.append('M').append(start).append(' ').append(y);
                svg.append('h').append(run).append("v1h-").append(run).append('z');
            }
        }
        return svg.append("\"/></svg>").toString();
    }

    /**
     * The text as an XML attribute value: markup characters as references, and characters that XML
     * 1.0 does not allow at all (control characters, lone surrogates) as U+FFFD.
     */
    static String xmlAttribute(String text) {
        StringBuilder value = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> value.append("&lt;");
                case '>' -> value.append("&gt;");
                case '&' -> value.append("&amp;");
                case '"' -> value.append("&quot;");
                case '\'' -> value.append("&apos;");
                default -> value.appendCodePoint(allowedInXml(c) ? c : '\uFFFD');
            }
        });
        return value.toString();
    }

    private static boolean allowedInXml(int c) {
        return c == '\t'
                || c == '\n'
                || c == '\r'
                || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }

    /** The modules, one bit each, with the quiet zone; true is dark. */
    static BitMatrix matrix(String text) {
        try {
            // Size 0 asks for the smallest rendering: one matrix cell per module.
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, HINTS);
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode " + text.length() + " characters as a QR code", e);
        }
    }
}
