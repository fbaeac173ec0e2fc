package io.portcullis.auth;

/**
 * A new password that has passed the policy for one user, already hashed: only
 * {@link EmailPasswordAuth#newPassword} makes one, so holding it proves the check was done, and the
 * costly checks (zxcvbn, Argon2id) run once however many steps the change takes.
 */
public final class NewPassword {
    final String userId;
    final String hash;

    NewPassword(String userId, String hash) {
        this.userId = userId;
        this.hash = hash;
    }

    @Override
    public String toString() {
        return "NewPassword[" + userId + "]";
    }
}
