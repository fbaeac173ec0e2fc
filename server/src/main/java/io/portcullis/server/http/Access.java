package io.portcullis.server.http;

import io.javalin.security.RouteRole;

/**
 * Who may call a route, and so which requests need the CSRF token. Enforced in one place,
 * {@link HttpServer}'s before-matched handler.
 */
public enum Access implements RouteRole {
    /** No session needed (a session is still read when the route asks for it). */
    PUBLIC,
    /**
     * No session needed, but the route acts on the caller's session when there is one (sign-out): such
     * a mutation needs the CSRF token like a {@link #SESSION} route.
     */
    OPTIONAL_SESSION,
    /** A valid session, else 401 {@code UNAUTHORIZED}. */
    SESSION
}
