package io.portcullis.server.http;

import io.javalin.security.RouteRole;

/** Who may call a route. Enforced in one place, {@link HttpServer}'s before-matched handler. */
public enum Access implements RouteRole {
    /** No session needed (a session is still read when the route asks for it). */
    PUBLIC,
    /** A valid session, else 401 {@code UNAUTHORIZED}. */
    SESSION
}
