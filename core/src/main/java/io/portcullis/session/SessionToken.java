package io.portcullis.session;

import io.portcullis.Ids;
import io.portcullis.Sha256;
import java.util.regex.Pattern;

/**
 * Session tokens: 32 random bytes, base64url without padding (43 characters). Only the SHA-256 of a
 * token is stored, so a copy of the database holds nothing that works as a cookie.
 */
public final class SessionToken {
    static final int BYTES = 32;
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private SessionToken() {}

    public static String generate() {
        return Ids.randomBase64Url(BYTES);
    }

    /** Lower-case hex SHA-256 of the token's text (ASCII), as stored in {@code session.token_hash}. */
    public static String hash(String token) {
        return Sha256.hex(token);
    }

    /** Cheap shape check: a value that cannot be a token costs no database read. */
    public static boolean isWellFormed(String token) {
        return token != null && SHAPE.matcher(token).matches();
    }
}
