package io.portcullis.twofactor;

import io.portcullis.ErrorCode;
import io.portcullis.PortcullisException;

/**
 * This instance's server secret is not the one the database's two-factor data is written under
 * (see {@link ServerSecretCheck}). A fault of the server's configuration (500), not the user's: the
 * message is for the operator and names no value. Portcullis logs it once, when the mismatch is found,
 * not once per refused request: a handler that logs every 500 may leave this one out.
 */
public final class ServerSecretMismatchException extends PortcullisException {
    private static final long serialVersionUID = 1L;
    static final String MESSAGE = "this instance's server secret is not the one the database's two-factor data is written under:"
            + " give every instance that shares the database the same secret; if that secret is lost, record the new one with"
            + " `portcullis secret replace`";

    ServerSecretMismatchException() {
        super(ErrorCode.INTERNAL_SERVER_ERROR, MESSAGE);
    }
}
