package io.portcullis.password;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator.BlockPool;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * An Argon2 hash in the PHC string format of the reference implementation:
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, salt and hash in base64 without padding
 * ({@code v=} absent means version 16). Computed with Bouncy Castle's Argon2 generator.
 *
 * <p>Parameters are bounded so that a malformed or hostile stored hash cannot make one verification
 * take the heap or the CPU for itself: at most {@value #MAX_MEMORY_KIB} KiB, {@value #MAX_ITERATIONS}
 * passes and {@value #MAX_PARALLELISM} lanes.
 */
record Argon2Phc(String variant, int version, int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {
    static final int MAX_MEMORY_KIB = 262_144;
    static final int MAX_ITERATIONS = 64;
    static final int MAX_PARALLELISM = 64;
    private static final Pattern FORMAT = Pattern.compile(
            "\\$(argon2id|argon2i|argon2d)(?:\\$v=(16|19))?\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,3})\\$([A-Za-z0-9+/]{11,86})\\$([A-Za-z0-9+/]{6,171})");
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();

    /** The Argon2id hash of {@code password} with these parameters and salt, as a PHC string; its block memory comes from {@code blocks} and goes back to it. */
    static String argon2id(int memoryKib, int iterations, int parallelism, byte[] salt, int hashBytes, byte[] password, BlockPool blocks) {
        byte[] hash = derive("argon2id", Argon2Parameters.ARGON2_VERSION_13, memoryKib, iterations, parallelism, salt, hashBytes, password, blocks);
        return new Argon2Phc("argon2id", Argon2Parameters.ARGON2_VERSION_13, memoryKib, iterations, parallelism, salt, hash).encoded();
    }

    /** The parsed hash, or null when {@code phc} is not a well-formed Argon2 PHC string within the bounds. */
    static Argon2Phc parse(String phc) {
        Matcher m = FORMAT.matcher(phc);
        if (!m.matches()) return null;
        int version = m.group(2) == null || m.group(2).equals("16") ? Argon2Parameters.ARGON2_VERSION_10 : Argon2Parameters.ARGON2_VERSION_13;
        int memory = Integer.parseInt(m.group(3));
        int iterations = Integer.parseInt(m.group(4));
        int parallelism = Integer.parseInt(m.group(5));
        if (parallelism < 1 || parallelism > MAX_PARALLELISM || iterations < 1 || iterations > MAX_ITERATIONS
                || memory < 8 * parallelism || memory > MAX_MEMORY_KIB) return null;
        try {
            return new Argon2Phc(m.group(1), version, memory, iterations, parallelism,
                    Base64.getDecoder().decode(m.group(6)), Base64.getDecoder().decode(m.group(7)));
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    /**
     * Whether {@code password} hashes to this hash with its parameters and salt, compared in constant time. The
     * block memory comes from {@code blocks} and goes back to it.
     */
    boolean matches(byte[] password, BlockPool blocks) {
        return MessageDigest.isEqual(derive(variant, version, memoryKib, iterations, parallelism, salt, hash.length, password, blocks), hash);
    }

    private static byte[] derive(String variant, int version, int memoryKib, int iterations, int parallelism, byte[] salt, int hashBytes,
            byte[] password, BlockPool blocks) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(type(variant)).withVersion(version).withMemoryAsKB(memoryKib)
                .withIterations(iterations).withParallelism(parallelism).withSalt(salt).withBlockPool(blocks).build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[hashBytes];
        generator.generateBytes(password, out);
        return out;
    }

    private static int type(String variant) {
        return switch (variant) {
            case "argon2id" -> Argon2Parameters.ARGON2_id;
            case "argon2i" -> Argon2Parameters.ARGON2_i;
            default -> Argon2Parameters.ARGON2_d;
        };
    }

    /** The PHC string. */
    String encoded() {
        String v = version == Argon2Parameters.ARGON2_VERSION_13 ? "$v=19" : "$v=16";
        return "$" + variant + v + "$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$" + ENCODER.encodeToString(salt) + "$"
                + ENCODER.encodeToString(hash);
    }

    /** The parameters only: a password hash is not for logs. */
    @Override
    public String toString() {
        return "Argon2Phc[" + variant + ", v=" + version + ", m=" + memoryKib + ", t=" + iterations + ", p=" + parallelism + "]";
    }
}
