package io.portcullis.twofactor;

import io.portcullis.ErrorCode;
import io.portcullis.PortcullisException;

/**
 * A stored TOTP secret that does not decrypt: the server secret changed since enrolment, or the row
 * was altered or copied from another user. A server fault (500), not the user's: the message is for
 * the log and names no value.
 */
public final class UnreadableSecretException extends PortcullisException {
    private static final long serialVersionUID = 1L;

    UnreadableSecretException(Throwable cause) {
        super(ErrorCode.INTERNAL_SERVER_ERROR,
                "the stored TOTP secret cannot be decrypted: the server secret changed since enrolment, or the row was altered", cause);
    }
}
