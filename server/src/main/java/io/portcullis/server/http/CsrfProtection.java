package io.portcullis.server.http;

import io.javalin.http.Context;
import io.portcullis.ErrorCode;
import io.portcullis.PortcullisException;
import io.portcullis.origin.TrustedOrigins;
import io.portcullis.session.AuthenticatedSession;
import io.portcullis.session.CsrfToken;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.Set;

/**
 * The two CSRF checks on every mutation: where the request comes from (Origin, else Referer, and
 * Fetch Metadata), and, on routes that act with the caller's session, the session's CSRF token in a
 * header, which a page on another site can neither read nor set.
 */
final class CsrfProtection {
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    static final String HEADER = "X-XSRF-TOKEN";
    static final String ALTERNATIVE_HEADER = "X-CSRF-Token";

    private final TrustedOrigins origins;
    private final boolean requireToken;
    private final CurrentSession current;

    CsrfProtection(TrustedOrigins origins, boolean requireToken, CurrentSession current) {
        this.origins = origins;
        this.requireToken = requireToken;
        this.current = current;
    }

    static boolean isMutation(Context ctx) {
        return !SAFE_METHODS.contains(ctx.method().name());
    }

    /**
     * A browser says {@code Sec-Fetch-Site: cross-site} for a request another site made it send, and
     * names the page's origin in {@code Origin} (or {@code Referer}): when it names one, it must be
     * trusted, cookie or not, so that no other site can sign a browser in to an account of its
     * choosing either. {@code Origin: null} (sandboxed frames, some redirects) is never trusted. With a
     * cookie the origin must be named. Without cookie and without any of these headers (curl, another
     * server) there is no browser to forge with, and nothing to check.
     *
     * @throws PortcullisException {@code INVALID_ORIGIN} or {@code MISSING_OR_NULL_ORIGIN}
     */
    void checkOrigin(Context ctx) {
        if (!isMutation(ctx)) return;
        if ("cross-site".equalsIgnoreCase(ctx.header("Sec-Fetch-Site"))) throw new PortcullisException(ErrorCode.INVALID_ORIGIN);
        String origin = ctx.header("Origin");
        if (origin == null) origin = originOf(ctx.header("Referer"));
        if (origin == null || origin.isBlank()) {
            if (ctx.header("Cookie") != null) throw new PortcullisException(ErrorCode.MISSING_OR_NULL_ORIGIN);
            return;
        }
        if (origin.trim().equals("null")) throw new PortcullisException(ErrorCode.MISSING_OR_NULL_ORIGIN);
        if (!origins.isTrusted(origin.trim())) throw new PortcullisException(ErrorCode.INVALID_ORIGIN);
    }

    /**
     * On a mutation that acts with the caller's valid session, the session's CSRF token must be in
     * {@code X-XSRF-TOKEN} (or {@code X-CSRF-Token}), unless {@code csrf.requireToken} is false.
     *
     * @throws PortcullisException {@code INVALID_CSRF_TOKEN}
     */
    void checkToken(Context ctx, Access access) {
        if (!requireToken || !isMutation(ctx) || access == Access.PUBLIC) return;
        Optional<AuthenticatedSession> session = current.resolve(ctx);
        if (session.isEmpty()) return;
        String presented = ctx.header(HEADER);
        if (presented == null) presented = ctx.header(ALTERNATIVE_HEADER);
        if (!CsrfToken.matches(current.token(ctx), presented)) throw new PortcullisException(ErrorCode.INVALID_CSRF_TOKEN);
    }

    /** {@code scheme://authority} of a Referer URL, or null when it has none. */
    private static String originOf(String referer) {
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
