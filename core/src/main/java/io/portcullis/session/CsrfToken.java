package io.portcullis.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The CSRF token of a session: HMAC-SHA256 keyed with the session token. It is bound to the session
 * (a new session, a new token) without being stored anywhere, and it cannot be turned back into the
 * session token, so scripts may read it from the {@code XSRF-TOKEN} cookie. It never authenticates:
 * it is only checked beside a valid session cookie.
 */
public final class CsrfToken {
    public static final String COOKIE = "XSRF-TOKEN";
    /** The header a mutation carries the token in (Angular's and Axios' default name). */
    public static final String HEADER = "X-XSRF-TOKEN";
    /** Accepted as well, for clients that use this other common name. */
    public static final String ALTERNATIVE_HEADER = "X-CSRF-Token";
    private static final byte[] PURPOSE = "portcullis csrf token v1".getBytes(StandardCharsets.US_ASCII);

    private CsrfToken() {}

    /** The CSRF token of the session whose (secret) token is given: 43 characters of base64url. */
    public static String of(String sessionToken) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sessionToken.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(PURPOSE));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    /**
     * The token a request presents: {@link #HEADER}, else {@link #ALTERNATIVE_HEADER}; null when neither.
     *
     * @param headers a request header's value by name, null when absent
     */
    public static String presented(Function<String, String> headers) {
        String presented = headers.apply(HEADER);
        return presented != null ? presented : headers.apply(ALTERNATIVE_HEADER);
    }

    /** Constant-time check of a presented token against the session's. */
    public static boolean matches(String sessionToken, String presented) {
        if (presented == null) return false;
        return MessageDigest.isEqual(of(sessionToken).getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.UTF_8));
    }
}
