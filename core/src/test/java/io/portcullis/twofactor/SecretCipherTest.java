package io.portcullis.twofactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.ErrorCode;
import io.portcullis.PortcullisException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretCipherTest {
    private static final byte[] SERVER_SECRET = "a-server-secret-of-at-least-32-characters".getBytes(StandardCharsets.UTF_8);
    private static final String USER = "user-1";

    private final SecretCipher cipher = new SecretCipher(SERVER_SECRET);

    @Test
    void aSecretComesBackAsItWent() {
        byte[] secret = Totp.newSecret();
        String stored = cipher.encrypt(USER, secret);

        assertThat(stored).matches("v1\\.[A-Za-z0-9_-]{64}"); // 12 nonce + 20 secret + 16 tag = 48 bytes
        assertThat(cipher.decrypt(USER, stored)).isEqualTo(secret);
        assertThat(new SecretCipher(SERVER_SECRET.clone()).decrypt(USER, stored)).as("same server secret, new instance").isEqualTo(secret);
    }

    @Test
    void everyEncryptionDiffersAndNoneShowsTheSecret() {
        byte[] secret = Totp.newSecret();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String stored = cipher.encrypt(USER, secret);
            assertThat(stored).doesNotContain(Totp.base32(secret)).doesNotContain(Totp.base32(secret).toLowerCase());
            assertThat(stored).doesNotContain(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(secret).substring(0, 12));
            seen.add(stored);
        }
        assertThat(seen).hasSize(50);
    }

    @Test
    void anotherServerSecretCannotDecrypt() {
        String stored = cipher.encrypt(USER, Totp.newSecret());
        SecretCipher other = new SecretCipher("another-server-secret-of-32-characters!!".getBytes(StandardCharsets.UTF_8));

        assertUnreadable(() -> other.decrypt(USER, stored));
    }

    @Test
    void aRowCopiedToAnotherUserDoesNotDecrypt() {
        String stored = cipher.encrypt(USER, Totp.newSecret());

        assertUnreadable(() -> cipher.decrypt("user-2", stored));
    }

    @Test
    void anyChangeToTheStoredTextIsDetected() {
        String stored = cipher.encrypt(USER, Totp.newSecret());
        for (int i = SecretCipher.VERSION.length(); i < stored.length(); i++) {
            char c = stored.charAt(i);
            String tampered = stored.substring(0, i) + (c == 'A' ? 'B' : 'A') + stored.substring(i + 1);
            assertUnreadable(() -> cipher.decrypt(USER, tampered));
        }
        assertUnreadable(() -> cipher.decrypt(USER, stored.substring(0, stored.length() - 1)));
        assertUnreadable(() -> cipher.decrypt(USER, stored + "A"));
        assertUnreadable(() -> cipher.decrypt(USER, "v2." + stored.substring(3)));
        assertUnreadable(() -> cipher.decrypt(USER, stored.substring(3)));
        assertUnreadable(() -> cipher.decrypt(USER, "v1.not base64!"));
        assertUnreadable(() -> cipher.decrypt(USER, "v1."));
        assertUnreadable(() -> cipher.decrypt(USER, null));
    }

    @Test
    void theFailureNamesACauseButNoValue() {
        String stored = cipher.encrypt(USER, Totp.newSecret());
        assertThatThrownBy(() -> cipher.decrypt("user-2", stored))
                .hasMessageContaining("server secret changed")
                .hasMessageNotContaining(stored)
                .hasMessageNotContaining("user-2");
        assertThat(cipher.toString()).isEqualTo("SecretCipher[****]");
    }

    private static void assertUnreadable(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(UnreadableSecretException.class,
                e -> assertThat(((PortcullisException) e).code()).isEqualTo(ErrorCode.INTERNAL_SERVER_ERROR));
    }
}
