package io.portcullis.server.http;

import io.javalin.http.Context;

/**
 * The route of a request as metrics and error logs name it: the path as declared
 * ({@code /api/auth/reset-password/{token}}), so a token in a path never becomes a tag or a log line;
 * a path no route matched is one value, whatever was asked.
 */
final class MetricsRoute {
    static final String UNMATCHED = "UNMATCHED";
    static final String ASSETS = "/assets/*";

    private MetricsRoute() {}

    static String of(Context ctx) {
        if (ctx.path().startsWith("/assets/")) return ASSETS;
        // Javalin falls back to the raw path when no endpoint matched: never use that as a tag.
        if (ctx.routeRoles().isEmpty()) return UNMATCHED;
        return ctx.endpointHandlerPath();
    }
}
