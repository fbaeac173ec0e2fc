package io.portcullis.twofactor;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * QR codes as PNG {@code data:} URIs, for the enrolment page to show without another request.
 * ZXing's core encodes; the PNG is drawn here with the JDK, which spares ZXing's {@code javase}
 * module and its command-line and image-codec dependencies.
 */
public final class QrCodes {
    /** The white border every reader needs, in modules (ISO/IEC 18004). */
    static final int QUIET_ZONE = 4;
    /** Each module becomes a square of whole pixels, as few as make the image at least this wide. */
    static final int MIN_PIXELS = 200;

    private QrCodes() {}

    /** {@code data:image/png;base64,…} of a QR code (error correction M) holding {@code text}. */
    public static String pngDataUri(String text) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(text));
    }

    static byte[] png(String text) {
        BitMatrix matrix = encode(text);
        int modules = matrix.getWidth();
        int scale = Math.max(1, (MIN_PIXELS + modules - 1) / modules);
        int size = modules * scale;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                image.setRGB(x, y, matrix.get(x / scale, y / scale) ? 0xFF000000 : 0xFFFFFFFF);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the QR code as PNG", e);
        }
        return out.toByteArray();
    }

    /** One bit per module, quiet zone included (size 0 asks ZXing for exactly that, unscaled). */
    private static BitMatrix encode(String text) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        hints.put(EncodeHintType.MARGIN, QUIET_ZONE);
        // ASCII (an otpauth URI is percent-encoded) needs no charset marker, which some old readers mishandle.
        if (!text.chars().allMatch(c -> c < 0x80)) hints.put(EncodeHintType.CHARACTER_SET, "UTF-8");
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, hints);
        } catch (WriterException e) {
            throw new IllegalArgumentException("text too long for a QR code", e);
        }
    }
}
