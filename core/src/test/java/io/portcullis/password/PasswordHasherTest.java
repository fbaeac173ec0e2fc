package io.portcullis.password;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private static final PasswordHasher HASHER = new PasswordHasher();

    @Test
    void hashesAreArgon2idPhcStringsWithTheOwaspParametersAndARandomSalt() {
        String first = HASHER.hash("correct horse battery staple");
        String second = HASHER.hash("correct horse battery staple");
        assertThat(first).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        // 16-byte salt and 32-byte hash, base64 without padding
        String[] parts = first.split("\\$");
        assertThat(parts[4]).hasSize(22);
        assertThat(parts[5]).hasSize(43);
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void verifiesTheRightPasswordOnly() {
        String hash = HASHER.hash("correct horse battery staple");
        assertThat(HASHER.verify("correct horse battery staple", hash)).isTrue();
        assertThat(HASHER.verify("correct horse battery stapl", hash)).isFalse();
        assertThat(HASHER.verify("correct horse battery staple", "$argon2id$garbage")).isFalse();
        assertThat(HASHER.verify("correct horse battery staple", null)).isFalse();
    }

    @Test
    void passwordsAreComparedAfterNfkcNormalisation() {
        // "ﬁ" (U+FB01 ligature) normalises to "fi" under NFKC
        String hash = HASHER.hash("ﬁne password here");
        assertThat(HASHER.verify("fine password here", hash)).isTrue();
    }

    @Test
    void theStandInForUnknownEmailsIsAnArgon2idHashWithTheCurrentParameters() {
        // If the parameters change, an unknown email would cost less (or more) than a known one: regenerate it.
        assertThat(HASHER.needsRehash(PasswordHasher.DUMMY_HASH)).isFalse();
        assertThat(PasswordHasher.DUMMY_HASH).startsWith(PasswordHasher.CURRENT_PARAMETERS);
        assertThat(HASHER.verify("correct horse battery staple", PasswordHasher.DUMMY_HASH)).isFalse();
    }

    @Test
    void hashesWithOtherParametersAreMarkedForRehash() {
        assertThat(HASHER.needsRehash(HASHER.hash("correct horse battery staple"))).isFalse();
        String weaker = com.password4j.Argon2Function.getInstance(4096, 1, 1, 32, com.password4j.types.Argon2.ID, 19)
                .hash("correct horse battery staple".getBytes(), new byte[16]).getResult();
        assertThat(HASHER.verify("correct horse battery staple", weaker)).isTrue();
        assertThat(HASHER.needsRehash(weaker)).isTrue();
    }
}
