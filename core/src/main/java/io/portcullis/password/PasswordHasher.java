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
 * and like Argon2id hashes with other parameters are marked for re-hashing.
 */
public final class PasswordHasher {
    static final int MEMORY_KIB = 19456;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    static final int HASH_BYTES = 32;
    static final int SALT_BYTES = 16;
    static final String CURRENT_PARAMETERS = "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$";

    private final Argon2Function argon2 = Argon2Function.getInstance(MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES, Argon2.ID, Argon2Function.ARGON2_VERSION_13);
    /** Verified against when the email is unknown, so that both cases cost one Argon2id run. */
    private final String dummyHash = hash(Ids.randomBase64Url(24));

    public String hash(String password) {
        return argon2.hash(bytes(password), Ids.randomBytes(SALT_BYTES)).getResult();
    }

    /** Constant-time check of a password against a stored Argon2 PHC string or Better Auth scrypt hash; false for any malformed hash. */
    public boolean verify(String password, String storedHash) {
        if (storedHash == null) return false;
        if (BetterAuthScrypt.isBetterAuthHash(storedHash)) return BetterAuthScrypt.verify(bytes(password), storedHash);
        if (!storedHash.startsWith("$argon2")) return false;
        try {
            return Argon2Function.getInstanceFromHash(storedHash).check(bytes(password), storedHash.getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    /** Spends the time of one verification without a stored hash (unknown email, no password set). */
    public void verifyDummy(String password) {
        verify(password, dummyHash);
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
