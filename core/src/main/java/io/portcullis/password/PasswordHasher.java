package io.portcullis.password;

import io.portcullis.Ids;
import io.portcullis.config.PasswordConfig;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator.BlockPool;

/**
 * Argon2id with the OWASP parameters (m=19456 KiB, t=2, p=1, 16-byte salt, 32-byte hash), stored as a
 * PHC string. Passwords are NFKC-normalised first, so that the same password typed on different
 * keyboards verifies. Hashes imported from Better Auth (scrypt, {@code salthex:keyhex}) verify too,
 * and like Argon2id hashes with other parameters are marked for re-hashing. At most one hash per
 * processor runs at a time, or {@code password.hashingSlots} (see {@link HashingGate}). Argon2 is Bouncy Castle's (see {@link Argon2Phc}),
 * compiled the same way in every JVM (see {@link Argon2CompilerDirective}).
 */
public final class PasswordHasher {
    static final int MEMORY_KIB = 19456;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    static final int HASH_BYTES = 32;
    static final int SALT_BYTES = 16;
    static final String CURRENT_PARAMETERS = "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$";

    /**
     * Verified against when the email is unknown, so that both cases cost one Argon2id run with the
     * current parameters. The hash of a random password that was thrown away: what it verifies is never
     * used, so it need not be secret, and a constant saves start-up the cost of making one.
     */
    static final String DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$IjVuvIWFcBJy7xrbq9kqKA$t3VFo/nblQqBKfS2jjPNSzWh7AYW0OZrC50UjFyImVQ";

    private final HashingGate gate;
    /**
     * Block memory for as many hashes as the gate lets run at once, kept from one hash to the next: a hash then
     * allocates nothing, so a burst of sign-ins leaves the collector no 19 MiB per request to copy or promote.
     * Filled by the first hashes; what a hash with larger parameters takes beyond it is garbage as before.
     */
    private final BlockPool blocks;

    /** A hasher that runs one hash per processor at once. */
    public PasswordHasher() {
        this(PasswordConfig.AUTOMATIC_HASHING_SLOTS);
    }

    /** @param hashingSlots how many hashes may run at once; {@value PasswordConfig#AUTOMATIC_HASHING_SLOTS}: one per processor (both bounded by the heap) */
    public PasswordHasher(int hashingSlots) {
        this.gate = HashingGate.forThisMachine(hashingSlots);
        this.blocks = new Argon2BytesGenerator.FixedBlockPool(gate.slots() * Argon2BytesGenerator.getBlockCount(MEMORY_KIB, PARALLELISM));
        Argon2CompilerDirective.installInBackground();
    }

    /** How many hashes may run at once; the others wait their turn. */
    public int hashingSlots() {
        return gate.slots();
    }

    public String hash(String password) {
        byte[] bytes = bytes(password);
        byte[] salt = Ids.randomBytes(SALT_BYTES);
        Argon2CompilerDirective.awaitInstalled();
        return gate.run(() -> Argon2Phc.argon2id(MEMORY_KIB, ITERATIONS, PARALLELISM, salt, HASH_BYTES, bytes, blocks));
    }

    /** Constant-time check of a password against a stored Argon2 PHC string or Better Auth scrypt hash; false for any malformed hash. */
    public boolean verify(String password, String storedHash) {
        if (storedHash == null) return false;
        byte[] bytes = bytes(password);
        if (BetterAuthScrypt.isBetterAuthHash(storedHash)) return gate.run(() -> BetterAuthScrypt.verify(bytes, storedHash));
        Argon2Phc argon2 = Argon2Phc.parse(storedHash);
        if (argon2 == null) return false;
        Argon2CompilerDirective.awaitInstalled();
        return gate.run(() -> argon2.matches(bytes, blocks));
    }

    /** Spends the time of one verification without a stored hash (unknown email, no password set). */
    public void verifyDummy(String password) {
        verify(password, DUMMY_HASH);
    }

    /** True when the hash was made with other parameters or another algorithm (scrypt) and should be replaced at the next sign-in. */
    public boolean needsRehash(String storedHash) {
        return storedHash == null || !storedHash.startsWith(CURRENT_PARAMETERS);
    }

    static String normalise(String password) {
        return Normalizer.normalize(password, Normalizer.Form.NFKC);
    }

    private static byte[] bytes(String password) {
        return normalise(password).getBytes(StandardCharsets.UTF_8);
    }
}
