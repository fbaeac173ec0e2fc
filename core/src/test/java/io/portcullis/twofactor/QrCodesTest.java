package io.portcullis.twofactor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QrCodesTest {
    private static final String PREFIX = "data:image/png;base64,";

    @ParameterizedTest
    @ValueSource(strings = {
            "otpauth://totp/Portcullis:alice@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Portcullis&digits=6&period=30",
            "otpauth://totp/Caf%C3%A9%20%26%20Co:a%2Bb@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Caf%C3%A9%20%26%20Co&digits=6&period=30",
            "x",
            "Grüße, 世界"})
    void thePngDecodesToExactlyTheTextWithErrorCorrectionMAndAQuietZone(String text) throws Exception {
        String uri = QrCodes.pngDataUri(text);
        assertThat(uri).startsWith(PREFIX);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(uri.substring(PREFIX.length()))));

        assertThat(image.getWidth()).isEqualTo(image.getHeight()).isBetween(200, 300);
        Result result = decode(image);
        assertThat(result.getText()).isEqualTo(text);
        assertThat(result.getResultMetadata()).containsEntry(ResultMetadataType.ERROR_CORRECTION_LEVEL, "M");

        // The finder pattern's corner is the first dark pixel on the diagonal: 4 modules of white come before it.
        int corner = 0;
        while ((image.getRGB(corner, corner) & 0xFFFFFF) != 0) corner++;
        assertThat(corner % QrCodes.QUIET_ZONE).isZero();
        int scale = corner / QrCodes.QUIET_ZONE;
        int modules = image.getWidth() / scale;
        assertThat(image.getWidth() % scale).isZero();
        assertThat((modules - 2 * QrCodes.QUIET_ZONE - 17) % 4).as("21, 25, 29… modules and the quiet zone").isZero();
    }

    private static Result decode(BufferedImage image) throws Exception {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] pixels = image.getRGB(0, 0, w, h, null, 0, w);
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(w, h, pixels)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE));
    }
}
