package io.portcullis.servlet;

import io.portcullis.session.AuthenticatedSession;
import io.portcullis.user.Roles;
import io.portcullis.user.User;
import java.security.Principal;
import java.util.Set;

/**
 * The signed-in user, as {@code HttpServletRequest#getUserPrincipal()} returns it behind the filter.
 * Its name is the user's id, which never changes (an email can); the email, roles and the rest of the
 * user are here too. It holds no secret: neither the session token nor any hash.
 */
public final class PortcullisPrincipal implements Principal {
    private final User user;
    private final String sessionId;
    private final Set<String> roles;

    PortcullisPrincipal(AuthenticatedSession session) {
        this.user = session.user();
        this.sessionId = session.session().id();
        this.roles = Set.copyOf(Roles.parse(user.role()));
    }

    /** The user's id, as {@code getRemoteUser()} returns it too. */
    @Override
    public String getName() {
        return user.id();
    }

    public String userId() {
        return user.id();
    }

    public String email() {
        return user.email();
    }

    /** The roles of {@code user.role} ({@code user}, {@code admin}, or the application's own labels). */
    public Set<String> roles() {
        return roles;
    }

    /** The public id of the session (the {@code token} of the HTTP API's answers, not the secret cookie value). */
    public String sessionId() {
        return sessionId;
    }

    /** The whole user record (name, image, emailVerified, twoFactorEnabled, ...), as read with the session. */
    public User user() {
        return user;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PortcullisPrincipal p && p.user.id().equals(user.id()) && p.sessionId.equals(sessionId);
    }

    @Override
    public int hashCode() {
        return user.id().hashCode() * 31 + sessionId.hashCode();
    }

    @Override
    public String toString() {
        return "PortcullisPrincipal[" + user.id() + "]";
    }
}
