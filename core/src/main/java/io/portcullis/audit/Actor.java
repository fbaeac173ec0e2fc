package io.portcullis.audit;

import io.portcullis.session.AuthenticatedSession;
import io.portcullis.session.ClientInfo;
import io.portcullis.session.Session;
import io.portcullis.user.User;

/**
 * Who performs an action: a signed-in user with the session it acts through, an anonymous caller,
 * or the command line. Decides permissions and is written into the audit trail.
 *
 * @param session  the acting user's session, or null when anonymous or the command line
 * @param client   where the request came from
 * @param operator true for the command line, which anyone who can reach the database may run
 */
public record Actor(AuthenticatedSession session, ClientInfo client, boolean operator) {
    /** The command line: it works on the database directly, so it is trusted like an admin. */
    public static final Actor COMMAND_LINE = new Actor(null, new ClientInfo("", "portcullis-cli"), true);

    public static Actor anonymous(ClientInfo client) {
        return new Actor(null, client, false);
    }

    public static Actor of(AuthenticatedSession session, ClientInfo client) {
        return new Actor(session, client, false);
    }

    /** The user acting through a session just created (sign-in, rotation). */
    public static Actor of(Session session, User user, ClientInfo client) {
        return of(new AuthenticatedSession(session, user, false), client);
    }

    public User user() {
        return session == null ? null : session.user();
    }

    public String userId() {
        return session == null ? null : session.user().id();
    }

    public String sessionId() {
        return session == null ? null : session.session().id();
    }
}
