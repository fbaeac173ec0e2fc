package io.portcullis.twofactor;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF-SHA256 (RFC 5869): one server secret, one independent key per purpose, told apart by
 * {@code info}. The JDK has no HKDF before Java 24, and extract-then-expand is a few HMAC calls.
 */
final class Hkdf {
    private static final String HMAC_SHA256 = "HmacSHA256";
    private static final int HASH_LENGTH = 32;

    private Hkdf() {}

    /** {@code length} bytes of key for {@code info}, from input key material and a salt (empty: zeros, as the RFC says). */
    static byte[] sha256(byte[] inputKeyMaterial, byte[] salt, byte[] info, int length) {
        if (length < 1 || length > 255 * HASH_LENGTH) throw new IllegalArgumentException("HKDF-SHA256 output must be 1 to 8160 bytes");
        try {
            byte[] pseudoRandomKey = mac(salt.length == 0 ? new byte[HASH_LENGTH] : salt).doFinal(inputKeyMaterial);
            Mac expand = mac(pseudoRandomKey);
            byte[] out = new byte[length];
            byte[] block = new byte[0];
            for (int i = 1, done = 0; done < length; i++) {
                expand.update(block);
                expand.update(info);
                expand.update((byte) i);
                block = expand.doFinal();
                int n = Math.min(block.length, length - done);
                System.arraycopy(block, 0, out, done, n);
                done += n;
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    /** The key for one purpose: 32 bytes, no salt (the server secret is the only input). */
    static byte[] key(byte[] serverSecret, String info) {
        return sha256(serverSecret, new byte[0], info.getBytes(StandardCharsets.UTF_8), HASH_LENGTH);
    }

    private static Mac mac(byte[] key) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(HMAC_SHA256);
        mac.init(new SecretKeySpec(key, HMAC_SHA256));
        return mac;
    }
}
