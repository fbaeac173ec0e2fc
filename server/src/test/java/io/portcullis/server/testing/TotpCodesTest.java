package io.portcullis.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The tests' own TOTP against RFC 6238 Appendix B (SHA-1), so a wrong helper cannot fake a pass. */
class TotpCodesTest {
    private static final byte[] KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final String KEY_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    @ParameterizedTest
    @CsvSource({"59, 94287082", "1111111109, 07081804", "1111111111, 14050471", "1234567890, 89005924",
            "2000000000, 69279037", "20000000000, 65353130"})
    void matchesTheRfc6238Vectors(long seconds, String eightDigits) {
        Instant at = Instant.ofEpochSecond(seconds);
        assertThat(TotpCodes.forStep(KEY, TotpCodes.step(at), 8)).isEqualTo(eightDigits);
        assertThat(TotpCodes.at(KEY_BASE32, at)).isEqualTo(eightDigits.substring(2));
        assertThat(TotpCodes.at(KEY_BASE32.toLowerCase(), at)).isEqualTo(eightDigits.substring(2));
    }

    @Test
    void readsTheSecretOutOfAnOtpauthUriAndFindsACodeNoNearbyStepGives() {
        String uri = "otpauth://totp/Portcullis:a%40example.com?secret=" + KEY_BASE32 + "&issuer=Portcullis&digits=6&period=30";
        assertThat(TotpCodes.secretOf(uri)).isEqualTo(KEY_BASE32);
        assertThat(TotpCodes.base32(KEY_BASE32)).isEqualTo(KEY);
        Instant at = Instant.ofEpochSecond(59);
        String wrong = TotpCodes.wrong(KEY_BASE32, at);
        assertThat(wrong).matches("[0-9]{6}");
        for (long s = TotpCodes.step(at) - 2; s <= TotpCodes.step(at) + 2; s++) assertThat(TotpCodes.forStep(KEY_BASE32, s)).isNotEqualTo(wrong);
    }
}
