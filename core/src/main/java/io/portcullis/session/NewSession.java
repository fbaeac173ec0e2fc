package io.portcullis.session;

/** A session just created, with the token for its cookie. The token exists only here and in the cookie. */
public record NewSession(String token, Session session) {
    @Override
    public String toString() {
        return "NewSession[session=" + session.id() + "]";
    }
}
