package org.dqms.testing;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.DecodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads QR codes back, as a phone would: from a module matrix, or from the SVG dqms draws (a
 * viewBox of one unit per module and a path of horizontal runs {@code M<x> <y>h<n>v1h-<n>z}).
 */
public final class QrDecoder {

    private static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");
    private static final Pattern RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z");
    private static final Pattern PATH = Pattern.compile("<path [^>]*d=\"([^\"]*)\"");
    private static final int PIXELS_PER_MODULE = 4;

    private QrDecoder() {}

    /** The modules an SVG of dqms draws dark. */
    public static BitMatrix modules(String svg) {
        Matcher box = VIEW_BOX.matcher(svg);
        Matcher path = PATH.matcher(svg);
        if (!box.find() || !path.find()) {
            throw new AssertionError("not a QR code SVG of dqms: " + svg);
        }
        BitMatrix matrix = new BitMatrix(Integer.parseInt(box.group(1)), Integer.parseInt(box.group(2)));
        Matcher run = RUN.matcher(path.group(1));
        int end = 0;
        while (run.find()) {
            if (run.start() != end || !run.group(3).equals(run.group(4))) {
                throw new AssertionError("unexpected path data at " + end + ": " + path.group(1));
            }
            end = run.end();
            matrix.setRegion(
                    Integer.parseInt(run.group(1)), Integer.parseInt(run.group(2)), Integer.parseInt(run.group(3)), 1);
        }
        if (end != path.group(1).length()) {
            throw new AssertionError("unexpected path data at " + end + ": " + path.group(1));
        }
        return matrix;
    }

    /** The text of the QR code an SVG of dqms draws. */
    public static String decodeSvg(String svg) {
        return decode(modules(svg));
    }

    /** The text of the QR code, read from a rendering of the modules in black on white. */
    public static String decode(BitMatrix modules) {
        int width = modules.getWidth() * PIXELS_PER_MODULE;
        int height = modules.getHeight() * PIXELS_PER_MODULE;
        int[] pixels = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean dark = modules.get(x / PIXELS_PER_MODULE, y / PIXELS_PER_MODULE);
                pixels[y * width + x] = dark ? 0xFF000000 : 0xFFFFFFFF;
            }
        }
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, height, pixels)));
        try {
            return new QRCodeReader()
                    // A perfect rendering: read its modules directly rather than hunting for finder
                    // patterns as in a photograph, which on some matrices picks a false one.
                    .decode(
                            bitmap,
                            Map.of(DecodeHintType.CHARACTER_SET, "UTF-8", DecodeHintType.PURE_BARCODE, Boolean.TRUE))
                    .getText();
        } catch (NotFoundException | ChecksumException | FormatException e) {
            throw new AssertionError("no readable QR code", e);
        }
    }

    /** How many modules are dark. */
    public static int darkModules(BitMatrix modules) {
        int dark = 0;
        for (int y = 0; y < modules.getHeight(); y++) {
            for (int x = 0; x < modules.getWidth(); x++) {
                if (modules.get(x, y)) {
                    dark++;
                }
            }
        }
        return dark;
    }
}
