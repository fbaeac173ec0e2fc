package io.portcullis.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator.BlockPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    /**
     * Hashes made by the reference implementation's CLI ({@code echo -n PASSWORD | argon2 SALT -id -t T -k M -p P -l L -e},
     * Debian's argon2 package): every variant, version, lane count and length verifies, so hashes imported from other
     * systems keep working. The last one was made by password4j 1.8.2, the Argon2id of earlier Portcullis versions (salt
     * "portcullis-salt!"; the reference CLI prints the same string), so that hashes stored by them keep verifying.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQxMjM0NTY3OA$iqbHhgtqJMWWf23kIatRWniYNRyhFWif/l6I+m/2Exw",
            "$argon2id$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$gy5SuVm5Z7Vw7keB9se9p87QGcomaseB/S2U1OhTsM0",
            "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQxMjM0NTY3OA$CyKEVrXleBA2GZqimRTOfLKAcVROHp4LBpVVFykCrnY",
            "$argon2i$v=19$m=4096,t=2,p=2$c29tZXNhbHQxMjM0NTY3OA$lLrLVLDuRPOHntIYlc5hDSeswEf1mbhZ",
            "$argon2d$v=19$m=4096,t=2,p=1$c29tZXNhbHQxMjM0NTY3OA$E7ZmSH3EQ1colvNlm0GLn50VBVTgnTdXfuR7CxybwzI",
            "$argon2id$v=16$m=4096,t=2,p=1$c29tZXNhbHQxMjM0NTY3OA$0qh8ep0EAdDK0TMnNDy5lTqLr3sUn55Hqv6UaffAtG0",
            "$argon2id$m=4096,t=2,p=1$c29tZXNhbHQxMjM0NTY3OA$0qh8ep0EAdDK0TMnNDy5lTqLr3sUn55Hqv6UaffAtG0",
            "$argon2id$v=19$m=19456,t=2,p=1$cG9ydGN1bGxpcy1zYWx0IQ$CN9z3UDrerhg7IJHDvuvrpQOPctaqTPB0YD8wiWyihA"})
    void verifiesHashesOfTheReferenceImplementation(String reference) {
        assertThat(HASHER.verify("correct horse battery staple", reference)).isTrue();
        assertThat(HASHER.verify("correct horse battery stapler", reference)).isFalse();
        // The hash's first six bits changed: refused.
        int first = reference.lastIndexOf('$') + 1;
        String flipped = reference.substring(0, first) + (reference.charAt(first) == 'A' ? 'B' : 'A') + reference.substring(first + 1);
        assertThat(HASHER.verify("correct horse battery staple", flipped)).isFalse();
    }

    @Test
    void ourHashesAreTheReferenceImplementationsAlsoWithReusedBlockMemory() {
        // Same password, salt and parameters as the reference CLI's line above: the same string, byte for byte, also
        // when the blocks come back from earlier hashes (the pool must hand them out cleared), and after a hash with
        // other parameters used the same pool.
        BlockPool pool = new Argon2BytesGenerator.FixedBlockPool(Argon2BytesGenerator.getBlockCount(19456, 1));
        byte[] salt = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        byte[] password = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 3; i++) {
            assertThat(Argon2Phc.argon2id(19456, 2, 1, salt, 32, password, pool))
                    .isEqualTo("$argon2id$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$gy5SuVm5Z7Vw7keB9se9p87QGcomaseB/S2U1OhTsM0");
            assertThat(Argon2Phc.argon2id(4096, 1, 1, "somesalt12345678".getBytes(StandardCharsets.US_ASCII), 32, password, pool))
                    .isEqualTo("$argon2id$v=19$m=4096,t=1,p=1$c29tZXNhbHQxMjM0NTY3OA$J0255Aw3raRocCsWHa2d8wcnf74rLu6nmt1k9QYJuyw");
        }
    }

    @Test
    void verificationsRunningAtOnceShareTheBlockMemoryWithoutMixingUp() throws Exception {
        String hash = HASHER.hash("correct horse battery staple");
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String attempt = i % 2 == 0 ? "correct horse battery staple" : "correct horse battery staple " + i;
                results.add(threads.submit(() -> HASHER.verify(attempt, hash)));
            }
            for (int i = 0; i < results.size(); i++) assertThat(results.get(i).get()).as("attempt %d", i).isEqualTo(i % 2 == 0);
        } finally {
            threads.shutdownNow();
        }
    }

    /** Malformed, or parameters that would let one stored hash take the heap or a core for itself: refused without hashing. */
    @ParameterizedTest
    @ValueSource(strings = {
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQxMjM0NTY3OA",
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQxMjM0NTY3OA$",
            "$argon2id$v=18$m=4096,t=2,p=1$c29tZXNhbHQxMjM0NTY3OA$0qh8ep0EAdDK0TMnNDy5lTqLr3sUn55Hqv6UaffAtG0",
            "$argon2x$v=19$m=4096,t=2,p=1$c29tZXNhbHQxMjM0NTY3OA$0qh8ep0EAdDK0TMnNDy5lTqLr3sUn55Hqv6UaffAtG0",
            "$argon2id$v=19$m=4194304,t=2,p=1$c29tZXNhbHQxMjM0NTY3OA$0qh8ep0EAdDK0TMnNDy5lTqLr3sUn55Hqv6UaffAtG0",
            "$argon2id$v=19$m=4096,t=999,p=1$c29tZXNhbHQxMjM0NTY3OA$0qh8ep0EAdDK0TMnNDy5lTqLr3sUn55Hqv6UaffAtG0",
            "$argon2id$v=19$m=4096,t=0,p=1$c29tZXNhbHQxMjM0NTY3OA$0qh8ep0EAdDK0TMnNDy5lTqLr3sUn55Hqv6UaffAtG0",
            "$argon2id$v=19$m=8,t=1,p=2$c29tZXNhbHQxMjM0NTY3OA$0qh8ep0EAdDK0TMnNDy5lTqLr3sUn55Hqv6UaffAtG0",
            "$argon2id$v=19$m=4096,t=2,p=1$c29tZXNhbHQxMjM0NTY3OA$0qh8ep0EAdDK0TMnNDy5lTqLr3sUn55Hqv6UaffAtG0AA",
            "$argon2id$v=19$m=4096,t=2,p=1$c29t$0qh8ep0EAdDK0TMnNDy5lTqLr3sUn55Hqv6UaffAtG0",
            "$argon2id$v=19$m=4096,t=2,p=1$c29tZXNhbHQxMjM0NTY3OA$0qh8ep0EAdDK0TMnNDy5lTqLr3sUn55Hqv6UaffAtG0 "})
    void refusesMalformedOrUnboundedHashes(String stored) {
        assertThat(Argon2Phc.parse(stored)).isNull();
        assertThat(HASHER.verify("correct horse battery staple", stored)).isFalse();
    }

    @Test
    void hashesWithOtherParametersAreMarkedForRehash() {
        assertThat(HASHER.needsRehash(HASHER.hash("correct horse battery staple"))).isFalse();
        String weaker = "$argon2id$v=19$m=4096,t=1,p=1$c29tZXNhbHQxMjM0NTY3OA$J0255Aw3raRocCsWHa2d8wcnf74rLu6nmt1k9QYJuyw";
        assertThat(HASHER.verify("correct horse battery staple", weaker)).isTrue();
        assertThat(HASHER.needsRehash(weaker)).isTrue();
    }
}
