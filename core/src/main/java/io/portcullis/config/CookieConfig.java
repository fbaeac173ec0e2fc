package io.portcullis.config;

/**
 * Session cookie attributes, resolved: {@code secure} is already decided from {@code cookie.secure}
 * or, when that is {@code auto}, from the scheme of {@code baseUrl}.
 */
public record CookieConfig(String prefix, String sessionName, boolean secure, String sameSite, String domain) {
    public static final String DEFAULT_PREFIX = "portcullis";
    public static final String DEFAULT_SESSION_NAME = "session_token";
    public static final String DEFAULT_SAME_SITE = "Lax";

    /** The session cookie's name: {@code __Host-} is added when Secure and host-only, as browsers then enforce both. */
    public String sessionCookieName() {
        return cookieName(sessionName);
    }

    /** The name of another HttpOnly cookie of ours ({@code two_factor}, {@code trust_device}), prefixed like the session's. */
    public String cookieName(String suffix) {
        String name = prefix + "." + suffix;
        return secure && domain == null ? "__Host-" + name : name;
    }
}
