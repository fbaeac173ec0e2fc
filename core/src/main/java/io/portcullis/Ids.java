package io.portcullis;

import java.security.SecureRandom;
import java.util.Base64;

/** Random identifiers and secrets from one {@link SecureRandom}. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private Ids() {}

    /** A public identifier: 16 random bytes, base64url, 22 characters. */
    public static String newId() {
        return randomBase64Url(16);
    }

    /** {@code bytes} random bytes, base64url without padding. */
    public static String randomBase64Url(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return BASE64URL.encodeToString(buffer);
    }

    public static byte[] randomBytes(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return buffer;
    }
}
