package io.portcullis.server.http;

import io.javalin.http.Context;
import io.portcullis.ErrorCode;
import io.portcullis.PortcullisException;
import java.util.List;
import java.util.Set;

/**
 * Credentialed CORS for front ends on other origins ({@code cors.allowedOrigins}): the request's
 * {@code Origin} is echoed, exactly, only when it is listed; any other origin gets no CORS header at
 * all, so the browser keeps the answer from its page. Only the API under basePath takes part.
 */
final class Cors {
    /** How long a browser may reuse a preflight's answer. */
    static final int MAX_AGE_SECONDS = 600;
    static final String ALLOWED_METHODS = "GET, POST";
    static final String ALLOWED_HEADERS = "Content-Type, X-XSRF-TOKEN, X-CSRF-Token";
    static final String EXPOSED_HEADERS = "Retry-After, X-Retry-After";

    private final Set<String> allowed;

    Cors(List<String> allowedOrigins) {
        this.allowed = Set.copyOf(allowedOrigins);
    }

    boolean enabled() {
        return !allowed.isEmpty();
    }

    /** On every API answer: the CORS headers when the caller's origin is allowed. */
    void decorate(Context ctx) {
        // Caches must not hand one origin's answer to another.
        ctx.header("Vary", "Origin");
        String origin = ctx.header("Origin");
        if (origin == null || !allowed.contains(origin)) return;
        ctx.header("Access-Control-Allow-Origin", origin);
        ctx.header("Access-Control-Allow-Credentials", "true");
        ctx.header("Access-Control-Expose-Headers", EXPOSED_HEADERS);
    }

    /** {@code OPTIONS} under basePath: a preflight from an allowed origin is answered 204; any other, 403. */
    void preflight(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null || !allowed.contains(origin) || ctx.header("Access-Control-Request-Method") == null) {
            throw new PortcullisException(ErrorCode.INVALID_ORIGIN);
        }
        ctx.header("Access-Control-Allow-Methods", ALLOWED_METHODS);
        ctx.header("Access-Control-Allow-Headers", ALLOWED_HEADERS);
        ctx.header("Access-Control-Max-Age", String.valueOf(MAX_AGE_SECONDS));
        ctx.status(204);
    }
}
