package io.portcullis.password;

import com.password4j.Argon2Function;
import com.password4j.types.Argon2;
import io.portcullis.Ids;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * Argon2id with the OWASP parameters (m=19456 KiB, t=2, p=1, 16-byte salt, 32-byte hash), stored as a
 * PHC string. Passwords are NFKC-normalised first, so that the same password typed on different
 * keyboards verifies. Hashes imported from Better Auth (scrypt, {@code salthex:keyhex}) verify too,
 * and like Argon2id hashes with other parameters are marked for re-hashing. At most one hash per
 * processor runs at a time (see {@link HashingGate}).
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

    private final HashingGate gate = HashingGate.forThisMachine();

    public String hash(String password) {
        byte[] bytes = bytes(password);
        byte[] salt = Ids.randomBytes(SALT_BYTES);
        return gate.run(() -> Current.ARGON2.hash(bytes, salt).getResult());
    }

    /** Constant-time check of a password against a stored Argon2 PHC string or Better Auth scrypt hash; false for any malformed hash. */
    public boolean verify(String password, String storedHash) {
        if (storedHash == null) return false;
        byte[] bytes = bytes(password);
        if (BetterAuthScrypt.isBetterAuthHash(storedHash)) return gate.run(() -> BetterAuthScrypt.verify(bytes, storedHash));
        if (!storedHash.startsWith("$argon2")) return false;
        try {
            Argon2Function function = Argon2Function.getInstanceFromHash(storedHash);
            return gate.run(() -> function.check(bytes, storedHash.getBytes(StandardCharsets.UTF_8)));
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    /** Spends the time of one verification without a stored hash (unknown email, no password set). */
    public void verifyDummy(String password) {
        verify(password, DUMMY_HASH);
    }

    /** True when the hash was made with other parameters or another algorithm (scrypt) and should be replaced at the next sign-in. */
    public boolean needsRehash(String storedHash) {
        return storedHash == null || !storedHash.startsWith(CURRENT_PARAMETERS);
    }

    /**
     * The Argon2id function of the current parameters, made at the first hash rather than at start-up:
     * password4j's instance keeps a block memory of {@value #MEMORY_KIB} KiB for its lifetime (shared with
     * {@link Argon2Function#getInstanceFromHash}, which returns the same cached instance).
     */
    private static final class Current {
        static final Argon2Function ARGON2 = Argon2Function.getInstance(MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES, Argon2.ID,
                Argon2Function.ARGON2_VERSION_13);
    }

    static String normalise(String password) {
        return Normalizer.normalize(password, Normalizer.Form.NFKC);
    }

    private static byte[] bytes(String password) {
        return normalise(password).getBytes(StandardCharsets.UTF_8);
    }
}
