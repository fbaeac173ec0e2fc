package io.portcullis.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionTokenTest {
    @Test
    void tokensAre43Base64UrlCharactersAndDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String token = SessionToken.generate();
            assertThat(token).matches("[A-Za-z0-9_-]{43}");
            assertThat(SessionToken.isWellFormed(token)).isTrue();
            seen.add(token);
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void theStoredHashIsHexSha256() {
        // FIPS 180-2 test vector
        assertThat(SessionToken.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void malformedValuesAreNotTokens() {
        assertThat(SessionToken.isWellFormed(null)).isFalse();
        assertThat(SessionToken.isWellFormed("")).isFalse();
        assertThat(SessionToken.isWellFormed("a".repeat(42))).isFalse();
        assertThat(SessionToken.isWellFormed("a".repeat(42) + "=")).isFalse();
        assertThat(SessionToken.isWellFormed("' OR 1=1 --")).isFalse();
    }
}
