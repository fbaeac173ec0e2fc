package io.portcullis.twofactor;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Single-use backup codes: {@value #COUNT} codes {@code xxxxx-xxxxx} of Crockford's lower-case
 * base32 (no i, l, o, u: nothing to misread), 50 random bits each. Only an HMAC-SHA256 of each is
 * stored, keyed from the server secret, so a copy of the database holds no working code and cannot
 * be brute-forced offline without the secret. The stored text is the hashes as lower-case hex joined
 * by commas, in issue order; an empty text means every code is spent. Thread-safe.
 */
public final class BackupCodes {
    public static final int COUNT = 10;
    static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
    private static final String INFO = "portcullis backup code v1";
    private static final int HALF = 5;
    private static final Pattern NORMALISED = Pattern.compile("[" + ALPHABET + "]{" + (2 * HALF) + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    /** @param serverSecret the server secret's bytes (see {@link io.portcullis.config.ServerSecret}) */
    public BackupCodes(byte[] serverSecret) {
        this.key = new SecretKeySpec(Hkdf.key(serverSecret, INFO), "HmacSHA256");
    }

    /** {@value #COUNT} new codes, to show the user once; store {@link #stored(List)} of them. */
    public List<String> generate() {
        List<String> codes = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            StringBuilder code = new StringBuilder(2 * HALF + 1);
            for (int c = 0; c < 2 * HALF; c++) {
                if (c == HALF) code.append('-');
                code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            codes.add(code.toString());
        }
        return List.copyOf(codes);
    }

    /** The text to store in {@code two_factor.backup_codes} for these codes. */
    public String stored(List<String> codes) {
        List<String> hashes = new ArrayList<>(codes.size());
        for (String code : codes) {
            String normalised = normalise(code);
            if (normalised == null) throw new IllegalArgumentException("not a backup code");
            hashes.add(hash(normalised));
        }
        return String.join(",", hashes);
    }

    /**
     * Spends one code. Input is trimmed and lower-cased; the dash is optional, spaces are ignored,
     * and o, i, l are read as 0, 1, 1. Every stored hash is compared, in constant time.
     *
     * @return the stored text without the matching code (write it back with a compare-and-set on
     *     {@code stored}), or empty when no unspent code matches
     */
    public Optional<String> spend(String stored, String input) {
        String normalised = normalise(input);
        if (normalised == null || stored == null || stored.isEmpty()) return Optional.empty();
        byte[] given = hash(normalised).getBytes(StandardCharsets.US_ASCII);
        List<String> hashes = new ArrayList<>(Arrays.asList(stored.split(",")));
        int match = -1;
        for (int i = 0; i < hashes.size(); i++) {
            boolean equal = MessageDigest.isEqual(given, hashes.get(i).getBytes(StandardCharsets.US_ASCII));
            if (equal && match < 0) match = i;
        }
        if (match < 0) return Optional.empty();
        hashes.remove(match);
        return Optional.of(String.join(",", hashes));
    }

    /** How many unspent codes the stored text holds. */
    public static int remaining(String stored) {
        return stored == null || stored.isEmpty() ? 0 : stored.split(",").length;
    }

    /** The canonical 10 characters, or null when the input cannot be a code. */
    static String normalise(String input) {
        if (input == null) return null;
        String s = input.strip().toLowerCase(Locale.ROOT).replace("-", "").replace(" ", "")
                .replace('o', '0').replace('i', '1').replace('l', '1');
        return NORMALISED.matcher(s).matches() ? s : null;
    }

    private String hash(String normalised) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(normalised.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "BackupCodes[****]";
    }
}
