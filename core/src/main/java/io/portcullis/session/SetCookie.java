package io.portcullis.session;

/**
 * One {@code Set-Cookie} header as data, so every front end (server, servlet filter) sends exactly
 * the same attributes. {@code maxAgeSeconds} null means a browser-session cookie.
 */
public record SetCookie(String name, String value, Long maxAgeSeconds, boolean httpOnly, boolean secure, String sameSite, String domain) {
    @Override
    public String toString() {
        return "SetCookie[" + name + "]";
    }

    public String headerValue() {
        StringBuilder sb = new StringBuilder(name).append('=').append(value).append("; Path=/");
        if (maxAgeSeconds != null) {
            sb.append("; Max-Age=").append(maxAgeSeconds);
            if (maxAgeSeconds == 0) sb.append("; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
        }
        if (domain != null) sb.append("; Domain=").append(domain);
        if (httpOnly) sb.append("; HttpOnly");
        if (secure) sb.append("; Secure");
        sb.append("; SameSite=").append(sameSite);
        return sb.toString();
    }
}
