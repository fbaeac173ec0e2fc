package io.portcullis.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * Password hashes imported from Better Auth: {@code salthex:keyhex}, a 16-byte salt and a 64-byte key
 * in lower-case hex. The key is scrypt (N=16384, r=16, p=1, dkLen=64) of the NFKC-normalised password,
 * and the salt scrypt gets is the hex <em>text</em> (its bytes), not the bytes it spells: so
 * {@code @better-auth/utils} 0.5.1's {@code password.node.mjs} does it, which better-auth 1.x uses.
 * Only verified here; such hashes are replaced by Argon2id at the next successful sign-in.
 */
final class BetterAuthScrypt {
    private static final Pattern FORMAT = Pattern.compile("([0-9a-f]{32}):([0-9a-f]{128})");
    private static final int KEY_BYTES = 64;
    /** 128 × N × r = 32 MiB of memory per verification, as in Better Auth. */
    private static final int N = 16384;
    private static final int R = 16;
    private static final int P = 1;

    private BetterAuthScrypt() {}

    static boolean isBetterAuthHash(String storedHash) {
        return FORMAT.matcher(storedHash).matches();
    }

    /** Constant-time check of the (already NFKC-normalised, UTF-8) password; false for any other format. */
    static boolean verify(byte[] normalisedPassword, String storedHash) {
        Matcher m = FORMAT.matcher(storedHash);
        if (!m.matches()) return false;
        byte[] salt = m.group(1).getBytes(StandardCharsets.US_ASCII);
        byte[] expected = HexFormat.of().parseHex(m.group(2));
        return MessageDigest.isEqual(SCrypt.generate(normalisedPassword, salt, N, R, P, KEY_BYTES), expected);
    }
}
