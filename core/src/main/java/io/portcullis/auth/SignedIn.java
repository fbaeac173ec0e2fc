package io.portcullis.auth;

import io.portcullis.session.NewSession;
import io.portcullis.user.User;

/**
 * The outcome of a successful sign-up or sign-in: the user and their new session; no session (null)
 * after a sign-up while email verification is required.
 */
public record SignedIn(User user, NewSession session) implements SignInOutcome {}
