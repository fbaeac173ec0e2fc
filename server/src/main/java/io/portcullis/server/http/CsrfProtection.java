package io.portcullis.server.http;

import io.javalin.http.Context;
import io.portcullis.ErrorCode;
import io.portcullis.PortcullisException;
import io.portcullis.config.CsrfConfig;
import io.portcullis.origin.OriginCheck;
import io.portcullis.origin.TrustedOrigins;
import io.portcullis.session.AuthenticatedSession;
import io.portcullis.session.CsrfToken;
import java.util.Locale;
import java.util.Optional;

/**
 * The two CSRF checks on every mutation: where the request comes from (Origin, else Referer, and
 * Fetch Metadata), and, on routes that act with the caller's session, the session's CSRF token in a
 * header, which a page on another site can neither read nor set. The rules live in core
 * ({@link OriginCheck}, {@link CsrfToken}), shared with the servlet filter.
 */
final class CsrfProtection {
    private final OriginCheck originCheck;
    private final boolean requireToken;
    private final boolean forwardAuthToken;
    private final CurrentSession current;

    CsrfProtection(TrustedOrigins origins, CsrfConfig config, CurrentSession current) {
        this.originCheck = new OriginCheck(origins);
        this.requireToken = config.requireToken();
        this.forwardAuthToken = config.forwardAuthToken();
        this.current = current;
    }

    private static boolean isMutation(Context ctx) {
        return OriginCheck.isMutation(ctx.method().name());
    }

    /** @throws PortcullisException {@code INVALID_ORIGIN} or {@code MISSING_OR_NULL_ORIGIN}; see {@link OriginCheck#check} */
    void checkOrigin(Context ctx) {
        originCheck.check(ctx.method().name(), ctx::header);
    }

    /**
     * The method of the request a reverse proxy asks {@code /verify} about: {@code X-Forwarded-Method}
     * (Traefik sets it) or {@code X-Original-Method} (nginx, when its configuration sets it); null when
     * the proxy names none. Each proxy passes the other header on as the browser sent it, so when either
     * names a mutation the request counts as one: a browser cannot name a GET to skip the checks. The
     * proxy's request carries the original request's other headers (Origin, Referer, Fetch Metadata,
     * the cookie, the CSRF token header).
     */
    static String forwardedMethod(Context ctx) {
        String forwarded = normalised(ctx.header("X-Forwarded-Method"));
        String original = normalised(ctx.header("X-Original-Method"));
        if (forwarded == null) return original;
        if (original == null || OriginCheck.isMutation(forwarded)) return forwarded;
        return original;
    }

    private static String normalised(String method) {
        return method == null ? null : method.trim().toUpperCase(Locale.ROOT);
    }

    /**
     * {@link #checkOrigin} for the request a proxy asks {@code /verify} about ({@code method}: its
     * {@link #forwardedMethod}), when it is a mutation.
     * A proxy that names no method gets no check: the application behind it must check its own mutations.
     */
    void checkForwardedOrigin(Context ctx, String method) {
        if (method != null) originCheck.check(method, ctx::header);
    }

    /**
     * {@link #checkToken} for the request a proxy asks {@code /verify} about, a mutation by the session
     * just validated, unless {@code csrf.forwardAuthToken} is false (applications posting plain HTML
     * forms, which cannot send the header: the origin check alone then guards them).
     */
    void checkForwardedToken(Context ctx, String method) {
        if (!forwardAuthToken || method == null || !OriginCheck.isMutation(method)) return;
        if (!CsrfToken.matches(current.token(ctx), CsrfToken.presented(ctx::header))) throw new PortcullisException(ErrorCode.INVALID_CSRF_TOKEN);
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
        if (!CsrfToken.matches(current.token(ctx), CsrfToken.presented(ctx::header))) throw new PortcullisException(ErrorCode.INVALID_CSRF_TOKEN);
    }
}
