package io.portcullis.password;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Hashes imported from a Better Auth database verify, and are marked to be replaced by Argon2id. */
class BetterAuthScryptTest {
    private static final PasswordHasher HASHER = new PasswordHasher();

    // Produced by better-auth 1.7.25's hashPassword (better-auth/crypto, @better-auth/utils 0.5.1, Node 20).
    static final String PASSWORD = "correct horse battery staple";
    static final String HASH = "5c639b5dad33fa1237759b67804030d3:7c7703b5f74146a8c84905e65ed6445d9380625747f43baba0892c78362e8aeb3016e601cb23f267f6c874ea8593ddeeb49fa569f7905909301bb879665b2f65";
    // Produced by better-auth 1.7.25's hashPassword: full-width letters, the "ﬁ" ligature, é, an emoji, Cyrillic.
    static final String UNICODE_PASSWORD = "Ｐａｓｓｗｏｒｄ ﬁne café 🦊 ключ";
    static final String UNICODE_HASH = "78d3e8922eba4172f8e0ac3fbbb90f23:22b36c53cf5dfc3609b11ff2140280e7c50179d198d84ee9de0a4311cc94f3e3a36208e913a39c6e82205dcc3e7ec5672e22144f97309b7f861dac499bc36bc8";

    @Test
    void aHashMadeByBetterAuthVerifiesTheRightPasswordOnly() {
        assertThat(HASHER.verify(PASSWORD, HASH)).isTrue();
        assertThat(HASHER.verify("correct horse battery stapl", HASH)).isFalse();
        assertThat(HASHER.verify("Correct horse battery staple", HASH)).isFalse();
    }

    @Test
    void passwordsAreComparedAfterNfkcAsBetterAuthDoes() {
        assertThat(HASHER.verify(UNICODE_PASSWORD, UNICODE_HASH)).isTrue();
        // the NFKC form, and the same text with é decomposed (e + U+0301), are the same password
        assertThat(HASHER.verify("Password fine café 🦊 ключ", UNICODE_HASH)).isTrue();
        assertThat(HASHER.verify("Ｐａｓｓｗｏｒｄ ﬁne cafe\u0301 🦊 ключ", UNICODE_HASH)).isTrue();
        assertThat(HASHER.verify("Password fine cafe 🦊 ключ", UNICODE_HASH)).isFalse();
    }

    @Test
    void malformedHashesNeverVerifyAndNeverThrow() {
        String salt = HASH.substring(0, 32);
        String key = HASH.substring(33);
        for (String malformed : new String[] {
                "", ":", salt, salt + ":", ":" + key, salt + key,
                salt.substring(2) + ":" + key,            // short salt
                salt + ":" + key.substring(2),            // short key
                salt + ":" + key + "00",                  // long key
                salt.toUpperCase() + ":" + key,           // Better Auth writes lower-case hex
                salt + ":" + key.toUpperCase(),
                salt + ":" + key.replace('a', 'g'),       // not hex
                salt + ":" + key + ":" + key,
                " " + HASH, HASH + "\n",
                "$scrypt$" + HASH}) {
            assertThat(HASHER.verify(PASSWORD, malformed)).as(malformed).isFalse();
        }
    }

    @Test
    void scryptHashesAreMarkedForRehashToArgon2id() {
        assertThat(HASHER.needsRehash(HASH)).isTrue();
        String rehashed = HASHER.hash(PASSWORD);
        assertThat(rehashed).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(HASHER.needsRehash(rehashed)).isFalse();
        assertThat(HASHER.verify(PASSWORD, rehashed)).isTrue();
    }
}
