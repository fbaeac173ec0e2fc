package io.portcullis.server.http;

import io.javalin.http.Context;
import io.portcullis.ErrorCode;
import io.portcullis.PortcullisException;
import io.portcullis.origin.OriginCheck;
import io.portcullis.origin.TrustedOrigins;
import io.portcullis.session.AuthenticatedSession;
import io.portcullis.session.CsrfToken;
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
    private final CurrentSession current;

    CsrfProtection(TrustedOrigins origins, boolean requireToken, CurrentSession current) {
        this.originCheck = new OriginCheck(origins);
        this.requireToken = requireToken;
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
