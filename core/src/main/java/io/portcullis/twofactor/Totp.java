package io.portcullis.twofactor;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import io.portcullis.Ids;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/**
 * RFC 6238 time-based one-time passwords as authenticator apps make them: HMAC-SHA1, 6 digits, 30 s
 * steps, 20-byte secrets shown as base32 without padding. The codes come from java-otp; this class
 * adds the window, the input check and the constant-time comparison. Thread-safe.
 */
public final class Totp {
    public static final int DIGITS = 6;
    public static final Duration PERIOD = Duration.ofSeconds(30);
    public static final int SECRET_BYTES = 20;

    private static final String HMAC = TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1;

    private final int digits;
    private final TimeBasedOneTimePasswordGenerator generator;

    public Totp() {
        this(DIGITS);
    }

    /** Other lengths exist for the RFC's 8-digit test vectors only. */
    Totp(int digits) {
        this.digits = digits;
        this.generator = new TimeBasedOneTimePasswordGenerator(PERIOD, digits, HMAC);
    }

    /** A new random secret of {@value #SECRET_BYTES} bytes. */
    public static byte[] newSecret() {
        return Ids.randomBytes(SECRET_BYTES);
    }

    /** The secret as users type it into an app: upper-case base32 without padding. */
    public static String base32(byte[] secret) {
        return new Base32().encodeAsString(secret).replace("=", "");
    }

    /** The number of the 30-second step that {@code instant} falls in (seconds since the epoch / 30). */
    public static long step(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), PERIOD.getSeconds());
    }

    /** The code of one step, zero-padded to the digit count. */
    public String code(byte[] secret, long step) {
        try {
            // java-otp takes an instant; the start of the step gives exactly that step's counter.
            return generator.generateOneTimePasswordString(new SecretKeySpec(secret, HMAC), Instant.ofEpochSecond(step * PERIOD.getSeconds()), Locale.ROOT);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("not a usable TOTP secret", e);
        }
    }

    /**
     * The step, among the current one and one either side (clock drift, typing time), whose code is
     * {@code input}. Surrounding whitespace and spaces are ignored (apps show {@code 123 456}); then
     * anything but exactly {@link #DIGITS} ASCII
     * digits then matches nothing. All three codes are compared, each in constant time, so the
     * answer's timing tells nothing about how close a guess was.
     *
     * @return the matching step (current, then earlier, then later), or empty. Whether it may still
     *     be used is the caller's question: a step is accepted at most once (replay protection).
     */
    public OptionalLong matchingStep(byte[] secret, String input, Instant now) {
        if (input == null) return OptionalLong.empty();
        String code = input.strip().replace(" ", "");
        if (code.length() != digits || !code.chars().allMatch(c -> c >= '0' && c <= '9')) return OptionalLong.empty();
        byte[] given = code.getBytes(StandardCharsets.US_ASCII);
        long current = step(now);
        long found = Long.MIN_VALUE;
        for (long step : new long[] {current, current - 1, current + 1}) {
            boolean equal = MessageDigest.isEqual(given, code(secret, step).getBytes(StandardCharsets.US_ASCII));
            if (equal && found == Long.MIN_VALUE) found = step;
        }
        return found == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(found);
    }

    /**
     * The {@code otpauth://} URI that authenticator apps read from a QR code (Google's Key Uri
     * Format): {@code otpauth://totp/{issuer}:{account}?secret=…&issuer={issuer}&digits=6&period=30}.
     */
    public static String uri(String issuer, String account, String base32Secret) {
        return "otpauth://totp/" + UriText.encode(issuer) + ":" + UriText.encode(account)
                + "?secret=" + base32Secret + "&issuer=" + UriText.encode(issuer)
                + "&digits=" + DIGITS + "&period=" + PERIOD.getSeconds();
    }
}
