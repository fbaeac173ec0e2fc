package io.portcullis.server.testing;

import java.net.URI;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 codes computed by the tests themselves (HMAC-SHA1, 30 s steps, 6 digits), from the base32
 * secret of an {@code otpauth://} URI: an authenticator app's view, independent of the production
 * {@code io.portcullis.twofactor.Totp}.
 */
public final class TotpCodes {
    public static final int PERIOD_SECONDS = 30;
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final Pattern SECRET = Pattern.compile("(?:^|&)secret=([^&]*)");

    private TotpCodes() {}

    /** The {@code secret} query parameter of an {@code otpauth://totp/…} URI, as it stands there. */
    public static String secretOf(String totpUri) {
        String query = URI.create(totpUri).getRawQuery();
        Matcher m = SECRET.matcher(query == null ? "" : query);
        if (!m.find()) throw new AssertionError("no secret in " + totpUri);
        return m.group(1);
    }

    /** The time step (seconds since the epoch / 30) an instant falls in. */
    public static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), PERIOD_SECONDS);
    }

    /** The code an authenticator app shows at this instant. */
    public static String at(String base32Secret, Instant at) {
        return forStep(base32Secret, step(at));
    }

    /** The code of one time step. */
    public static String forStep(String base32Secret, long step) {
        return truncate(hmacSha1(base32(base32Secret), ByteBuffer.allocate(8).putLong(step).array()), 6);
    }

    /** The code with {@code digits} digits of one time step, for the RFC 6238 vectors (8 digits). */
    static String forStep(byte[] key, long step, int digits) {
        return truncate(hmacSha1(key, ByteBuffer.allocate(8).putLong(step).array()), digits);
    }

    /** A well-formed code that no step within two of this instant's produces: wrong under any window. */
    public static String wrong(String base32Secret, Instant at) {
        long now = step(at);
        Set<String> near = new HashSet<>();
        for (long s = now - 2; s <= now + 2; s++) near.add(forStep(base32Secret, s));
        int candidate = Integer.parseInt(forStep(base32Secret, now));
        String code;
        do {
            candidate = (candidate + 1) % 1_000_000;
            code = String.format(Locale.ROOT, "%06d", candidate);
        } while (near.contains(code));
        return code;
    }

    /** RFC 4648 base32, upper or lower case, padding optional. */
    public static byte[] base32(String text) {
        String s = text.toUpperCase(Locale.ROOT).replace("=", "");
        byte[] out = new byte[s.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int n = 0;
        for (char c : s.toCharArray()) {
            int v = BASE32.indexOf(c);
            if (v < 0) throw new IllegalArgumentException("not base32: " + text);
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out[n++] = (byte) (buffer >> (bits - 8));
                bits -= 8;
                buffer &= (1 << bits) - 1;
            }
        }
        return out;
    }

    private static byte[] hmacSha1(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 4226 dynamic truncation. */
    private static String truncate(byte[] hash, int digits) {
        int offset = hash[hash.length - 1] & 0x0F;
        int binary = ((hash[offset] & 0x7F) << 24) | ((hash[offset + 1] & 0xFF) << 16) | ((hash[offset + 2] & 0xFF) << 8) | (hash[offset + 3] & 0xFF);
        int modulus = 1;
        for (int i = 0; i < digits; i++) modulus *= 10;
        return String.format(Locale.ROOT, "%0" + digits + "d", binary % modulus);
    }
}
