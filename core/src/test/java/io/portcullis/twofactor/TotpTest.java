package io.portcullis.twofactor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TotpTest {
    /** RFC 6238 Appendix B: the SHA-1 seed is the ASCII text "12345678901234567890". */
    private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:14Z");

    private final Totp totp = new Totp();

    @ParameterizedTest
    @CsvSource({
            "59, 94287082",
            "1111111109, 07081804",
            "1111111111, 14050471",
            "1234567890, 89005924",
            "2000000000, 69279037",
            "20000000000, 65353130"})
    void theRfc6238Sha1VectorsComeOutOfTheSameCodePathWithEightDigits(long unixTime, String expected) {
        Totp eightDigits = new Totp(8);
        Instant at = Instant.ofEpochSecond(unixTime);
        long step = Totp.step(at);

        assertThat(eightDigits.code(RFC_SEED, step)).isEqualTo(expected);
        assertThat(eightDigits.matchingStep(RFC_SEED, expected, at)).hasValue(step);
        // Six digits are the last six of the same truncated value.
        assertThat(totp.code(RFC_SEED, step)).isEqualTo(expected.substring(2));
    }

    @Test
    void aStepIsThirtySecondsCountedFromTheEpoch() {
        assertThat(Totp.step(Instant.ofEpochSecond(0))).isZero();
        assertThat(Totp.step(Instant.ofEpochSecond(29))).isZero();
        assertThat(Totp.step(Instant.ofEpochSecond(30))).isEqualTo(1);
        assertThat(Totp.step(Instant.ofEpochSecond(59, 999_999_999))).isEqualTo(1);
        assertThat(Totp.step(Instant.ofEpochSecond(1111111109))).isEqualTo(0x23523EC);
    }

    @Test
    void theCurrentStepAndOneEitherSideAreAcceptedAndReportedTwoAwayAreNot() {
        byte[] secret = Totp.newSecret();
        long current = Totp.step(NOW);

        assertThat(totp.matchingStep(secret, totp.code(secret, current), NOW)).hasValue(current);
        assertThat(totp.matchingStep(secret, totp.code(secret, current - 1), NOW)).hasValue(current - 1);
        assertThat(totp.matchingStep(secret, totp.code(secret, current + 1), NOW)).hasValue(current + 1);
        assertThat(matchesUnlessCollision(secret, current - 2, current)).isEmpty();
        assertThat(matchesUnlessCollision(secret, current + 2, current)).isEmpty();
    }

    /** A code two steps away is refused, unless by chance (1 in 10^6) it equals one inside the window. */
    private OptionalLong matchesUnlessCollision(byte[] secret, long far, long current) {
        String code = totp.code(secret, far);
        for (long s = current - 1; s <= current + 1; s++) {
            if (totp.code(secret, s).equals(code)) return OptionalLong.empty();
        }
        return totp.matchingStep(secret, code, NOW);
    }

    @Test
    void surroundingWhitespaceAndSpacesInsideAreIgnored() {
        byte[] secret = Totp.newSecret();
        String code = totp.code(secret, Totp.step(NOW));

        assertThat(totp.matchingStep(secret, " " + code + "\t", NOW)).isPresent();
        assertThat(totp.matchingStep(secret, code.substring(0, 3) + " " + code.substring(3), NOW)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "     ", "12345", "1234567", "12345a", "+12345", "-12345", "12.345", "１２３４５６", "١٢٣٤٥٦"})
    void anythingButSixAsciiDigitsMatchesNothing(String input) {
        assertThat(totp.matchingStep(RFC_SEED, input, NOW)).isEmpty();
    }

    @Test
    void nullMatchesNothingAndAWrongCodeNeither() {
        byte[] secret = Totp.newSecret();
        long current = Totp.step(NOW);
        Set<String> window = Set.of(totp.code(secret, current - 1), totp.code(secret, current), totp.code(secret, current + 1));
        String wrong = window.contains("000000") ? "000001" : "000000";
        if (window.contains(wrong)) wrong = "000002";

        assertThat(totp.matchingStep(secret, null, NOW)).isEmpty();
        assertThat(totp.matchingStep(secret, wrong, NOW)).isEmpty();
    }

    @Test
    void secretsAreTwentyRandomBytesShownAsUnpaddedUpperCaseBase32() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            byte[] secret = Totp.newSecret();
            assertThat(secret).hasSize(20);
            String text = Totp.base32(secret);
            assertThat(text).matches("[A-Z2-7]{32}");
            seen.add(text);
        }
        assertThat(seen).hasSize(100);
        assertThat(Totp.base32(RFC_SEED)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        // 10 bytes do not fill whole base32 blocks: the padding is dropped
        assertThat(Totp.base32("1234567890".getBytes(StandardCharsets.US_ASCII))).isEqualTo("GEZDGNBVGY3TQOJQ");
        assertThat(Totp.base32(new byte[] {1})).isEqualTo("AE");
    }

    @Test
    void theUriFollowsTheKeyUriFormatWithPercentEncodedIssuerAndAccount() {
        assertThat(Totp.uri("Portcullis", "alice@example.com", "JBSWY3DPEHPK3PXP"))
                .isEqualTo("otpauth://totp/Portcullis:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Portcullis&digits=6&period=30");

        String uri = Totp.uri("Café & Co: Prod", "a+b c@example.com", "JBSWY3DPEHPK3PXP");
        assertThat(uri).isEqualTo("otpauth://totp/Caf%C3%A9%20%26%20Co%3A%20Prod:a%2Bb%20c@example.com"
                + "?secret=JBSWY3DPEHPK3PXP&issuer=Caf%C3%A9%20%26%20Co%3A%20Prod&digits=6&period=30");
        URI parsed = URI.create(uri);
        assertThat(parsed.getScheme()).isEqualTo("otpauth");
        assertThat(parsed.getHost()).isEqualTo("totp");
        assertThat(parsed.getPath()).isEqualTo("/Café & Co: Prod:a+b c@example.com");
        assertThat(parsed.getRawQuery()).doesNotContain("+").doesNotContain(" ");
    }
}
