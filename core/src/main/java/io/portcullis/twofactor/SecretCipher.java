package io.portcullis.twofactor;

import io.portcullis.Ids;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts TOTP secrets at rest with AES-256-GCM, so a copy of the database cannot make codes.
 * The key is derived from the server secret (HKDF-SHA256); each encryption has a fresh random
 * 12-byte nonce; the user id is bound as associated data, so a row copied to another user does not
 * decrypt. Stored text: {@code v1.} + base64url(nonce ‖ ciphertext ‖ 16-byte tag), no padding.
 * Thread-safe.
 */
public final class SecretCipher {
    static final String VERSION = "v1.";
    private static final String INFO = "portcullis totp secret v1";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKey key;

    /** @param serverSecret the server secret's bytes (see {@link io.portcullis.config.ServerSecret}) */
    public SecretCipher(byte[] serverSecret) {
        this.key = new SecretKeySpec(Hkdf.key(serverSecret, INFO), "AES");
    }

    /** The text to store in {@code two_factor.secret_encrypted} for {@code userId}'s secret. */
    public String encrypt(String userId, byte[] secret) {
        byte[] nonce = Ids.randomBytes(NONCE_BYTES);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, nonce, userId).doFinal(secret);
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return VERSION + ENCODER.encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by every Java platform", e);
        }
    }

    /**
     * The secret back from its stored text.
     *
     * @throws UnreadableSecretException when the text is malformed, was altered, belongs to another
     *     user, or was encrypted under another server secret
     */
    public byte[] decrypt(String userId, String stored) {
        if (stored == null || !stored.startsWith(VERSION)) throw new UnreadableSecretException(null);
        byte[] in;
        try {
            in = DECODER.decode(stored.substring(VERSION.length()));
        } catch (IllegalArgumentException e) {
            throw new UnreadableSecretException(null);
        }
        if (in.length < NONCE_BYTES + TAG_BITS / 8) throw new UnreadableSecretException(null);
        try {
            return cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(in, NONCE_BYTES), userId)
                    .doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new UnreadableSecretException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by every Java platform", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String userId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(userId.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    @Override
    public String toString() {
        return "SecretCipher[****]";
    }
}
