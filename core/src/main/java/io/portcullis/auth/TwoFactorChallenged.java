package io.portcullis.auth;

/**
 * The password was right and the user has two-factor authentication: no session yet. The challenge
 * token goes into the challenge cookie, and a TOTP or backup code completes the sign-in.
 */
public record TwoFactorChallenged(String challengeToken) implements SignInOutcome {
    @Override
    public String toString() {
        return "TwoFactorChallenged[****]";
    }
}
