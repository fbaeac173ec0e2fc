package io.portcullis.password;

import io.portcullis.ErrorCode;
import io.portcullis.PortcullisException;
import io.portcullis.config.PasswordConfig;

/**
 * The rules a new password must meet. For now: length in Unicode code points after NFKC, never
 * truncated. Strength and character-class rules come with the full policy.
 */
public final class PasswordPolicy {
    private final PasswordConfig config;

    public PasswordPolicy(PasswordConfig config) {
        this.config = config;
    }

    /** @throws PortcullisException {@code PASSWORD_TOO_SHORT} or {@code PASSWORD_TOO_LONG} */
    public void check(String password) {
        String normalised = PasswordHasher.normalise(password);
        int length = normalised.codePointCount(0, normalised.length());
        if (length < config.minLength()) {
            throw new PortcullisException(ErrorCode.PASSWORD_TOO_SHORT,
                    "Password is too short: use at least " + config.minLength() + " characters");
        }
        if (length > config.maxLength()) {
            throw new PortcullisException(ErrorCode.PASSWORD_TOO_LONG,
                    "Password is too long: use at most " + config.maxLength() + " characters");
        }
    }
}
