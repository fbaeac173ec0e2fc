package io.portcullis.origin;

import io.portcullis.ErrorCode;
import io.portcullis.PortcullisException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;
import java.util.function.Function;

/**
 * The CSRF origin check of a mutation, shared by every front end (the server's routes, the servlet
 * filter), so that both refuse exactly the same requests. It reads request headers only, through a
 * lookup by name ({@code ctx::header}, {@code request::getHeader}).
 */
public final class OriginCheck {
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final TrustedOrigins origins;

    public OriginCheck(TrustedOrigins origins) {
        this.origins = origins;
    }

    /** Anything but GET, HEAD and OPTIONS (an unknown or lower-case method counts as a mutation: fail closed). */
    public static boolean isMutation(String method) {
        return !SAFE_METHODS.contains(method);
    }

    /**
     * A browser says {@code Sec-Fetch-Site: cross-site} for a request another site made it send, and
     * names the page's origin in {@code Origin} (or {@code Referer}): when it names one, it must be
     * trusted, cookie or not, so that no other site can sign a browser in to an account of its
     * choosing either. {@code Origin: null} (sandboxed frames, some redirects) is never trusted. With a
     * cookie the origin must be named. Without cookie and without any of these headers (curl, another
     * server) there is no browser to forge with, and nothing to check. Safe methods are not checked.
     *
     * @param headers a request header's value by name, null when absent
     * @throws PortcullisException {@code INVALID_ORIGIN} or {@code MISSING_OR_NULL_ORIGIN}
     */
    public void check(String method, Function<String, String> headers) {
        if (!isMutation(method)) return;
        if ("cross-site".equalsIgnoreCase(headers.apply("Sec-Fetch-Site"))) throw new PortcullisException(ErrorCode.INVALID_ORIGIN);
        String origin = headers.apply("Origin");
        if (origin == null) origin = originOf(headers.apply("Referer"));
        if (origin == null || origin.isBlank()) {
            if (headers.apply("Cookie") != null) throw new PortcullisException(ErrorCode.MISSING_OR_NULL_ORIGIN);
            return;
        }
        if (origin.trim().equals("null")) throw new PortcullisException(ErrorCode.MISSING_OR_NULL_ORIGIN);
        if (!origins.isTrusted(origin.trim())) throw new PortcullisException(ErrorCode.INVALID_ORIGIN);
    }

    /** {@code scheme://authority} of a Referer URL, or null when it has none. */
    static String originOf(String referer) {
        if (referer == null) return null;
        try {
            URI uri = new URI(referer);
            if (uri.getScheme() == null || uri.getRawAuthority() == null) return null;
            return uri.getScheme() + "://" + uri.getRawAuthority();
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
