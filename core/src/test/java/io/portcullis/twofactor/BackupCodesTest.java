package io.portcullis.twofactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackupCodesTest {
    private static final byte[] SERVER_SECRET = "a-server-secret-of-at-least-32-characters".getBytes(StandardCharsets.UTF_8);

    private final BackupCodes backupCodes = new BackupCodes(SERVER_SECRET);

    @Test
    void tenCodesOfTwoGroupsOfFiveUnambiguousCharacters() {
        Set<String> seen = new HashSet<>();
        for (int round = 0; round < 100; round++) {
            List<String> codes = backupCodes.generate();
            assertThat(codes).hasSize(10).doesNotHaveDuplicates()
                    .allMatch(c -> c.matches("[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}"), "xxxxx-xxxxx of Crockford base32");
            seen.addAll(codes);
        }
        assertThat(seen).hasSize(1000);
        assertThat(String.join("", seen)).doesNotContain("i", "l", "o", "u");
        assertThat(BackupCodes.ALPHABET).hasSize(32); // 5 bits a character, 50 a code
    }

    @Test
    void theStoredTextIsTenKeyedHashesAndNoCode() {
        List<String> codes = backupCodes.generate();
        String stored = backupCodes.stored(codes);

        assertThat(stored.split(",")).hasSize(10).allMatch(h -> h.matches("[0-9a-f]{64}"));
        assertThat(stored).hasSize(10 * 64 + 9);
        for (String code : codes) {
            assertThat(stored).doesNotContain(code).doesNotContain(code.replace("-", ""))
                    .doesNotContain(Sha256.hex(code)).doesNotContain(Sha256.hex(code.replace("-", "")));
        }
        assertThat(BackupCodes.remaining(stored)).isEqualTo(10);
        assertThat(BackupCodes.remaining("")).isZero();
        assertThat(BackupCodes.remaining(null)).isZero();
    }

    @Test
    void aCodeSpendsOnceAndTheOthersStay() {
        List<String> codes = backupCodes.generate();
        String stored = backupCodes.stored(codes);

        String afterFirst = backupCodes.spend(stored, codes.get(3)).orElseThrow();
        assertThat(BackupCodes.remaining(afterFirst)).isEqualTo(9);
        assertThat(backupCodes.spend(afterFirst, codes.get(3))).as("spent already").isEmpty();
        assertThat(afterFirst).isEqualTo(backupCodes.stored(codes.subList(0, 3)) + "," + backupCodes.stored(codes.subList(4, 10)));

        String rest = afterFirst;
        for (String code : codes) {
            if (code.equals(codes.get(3))) continue;
            rest = backupCodes.spend(rest, code).orElseThrow();
        }
        assertThat(rest).isEmpty();
        assertThat(backupCodes.spend(rest, codes.get(0))).isEmpty();
    }

    @Test
    void inputIsTrimmedLowerCasedAndTheDashIsOptional() {
        List<String> codes = backupCodes.generate();
        String stored = backupCodes.stored(codes);
        String code = codes.get(0);

        assertThat(backupCodes.spend(stored, code.toUpperCase(Locale.ROOT))).isPresent();
        assertThat(backupCodes.spend(stored, code.replace("-", ""))).isPresent();
        assertThat(backupCodes.spend(stored, "  " + code + "\n")).isPresent();
        assertThat(backupCodes.spend(stored, code.replace("-", " "))).isPresent();
    }

    @Test
    void lettersThatLookLikeDigitsAreReadAsThoseDigits() {
        String stored = backupCodes.stored(List.of("01abc-01def"));

        assertThat(backupCodes.spend(stored, "OIabc-OLdef")).isPresent();
        assertThat(backupCodes.spend(stored, "oiABC-0ldef")).isPresent();
    }

    @Test
    void wrongMalformedOrForeignCodesMatchNothing() {
        List<String> codes = backupCodes.generate();
        String stored = backupCodes.stored(codes);
        BackupCodes otherServer = new BackupCodes("another-server-secret-of-32-characters!!".getBytes(StandardCharsets.UTF_8));

        assertThat(backupCodes.spend(stored, null)).isEmpty();
        assertThat(backupCodes.spend(stored, "")).isEmpty();
        assertThat(backupCodes.spend(stored, codes.get(0).substring(1))).isEmpty();
        assertThat(backupCodes.spend(stored, codes.get(0) + "0")).isEmpty();
        assertThat(backupCodes.spend(stored, "uuuuu-uuuuu")).isEmpty();
        assertThat(backupCodes.spend(stored, stored.substring(0, 64))).as("a stored hash is no code").isEmpty();
        assertThat(otherServer.spend(stored, codes.get(0))).as("hashes are keyed by the server secret").isEmpty();
        assertThatThrownBy(() -> backupCodes.stored(List.of("not a code"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(backupCodes.toString()).isEqualTo("BackupCodes[****]");
    }
}
