package io.portcullis.server.http;

import io.javalin.http.Context;
import io.portcullis.ErrorCode;
import io.portcullis.PortcullisException;
import io.portcullis.ratelimit.RateLimitDecision;
import io.portcullis.ratelimit.RateLimiter;
import java.util.function.Consumer;

/**
 * The rate limit in front of every route under basePath. Counting needs the database: when it cannot
 * be reached the check throws {@code SERVICE_UNAVAILABLE} (503) and the request goes no further.
 *
 * <p>Requests are counted by the route as declared ({@code /sign-in/email}), not the raw path, so a
 * value in a path parameter can neither land in the counters' table nor buy a fresh count.
 */
final class RateLimiting {
    private final RateLimiter limiter;
    private final String basePath;
    private final Consumer<String> refused;

    /** @param refused told the route of every refused request (metrics) */
    RateLimiting(RateLimiter limiter, String basePath, Consumer<String> refused) {
        this.limiter = limiter;
        this.basePath = basePath;
        this.refused = refused;
    }

    /** @throws PortcullisException {@code RATE_LIMITED} with the wait until the window frees */
    void check(Context ctx) {
        String route = ctx.endpointHandlerPath();
        if (!route.startsWith(basePath + "/")) return;
        RateLimitDecision decision = limiter.check(ClientAddresses.of(ctx).bucket(), route.substring(basePath.length()));
        if (decision.allowed()) return;
        refused.accept(route);
        throw PortcullisException.retryLater(ErrorCode.RATE_LIMITED, decision.retryAfter());
    }
}
