package io.portcullis.auth;

/** What a right password leads to: a session ({@link SignedIn}), or the second step of two-factor authentication. */
public sealed interface SignInOutcome permits SignedIn, TwoFactorChallenged {}
