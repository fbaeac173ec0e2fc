package io.portcullis.session;

import io.portcullis.user.User;

/**
 * A session that passed validation, with its user. {@code refreshed} is true when this request
 * moved the session's expiry forward, so the cookie should be sent again with the new Max-Age.
 */
public record AuthenticatedSession(Session session, User user, boolean refreshed) {}
