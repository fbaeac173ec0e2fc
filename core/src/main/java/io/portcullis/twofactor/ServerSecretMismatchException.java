package io.portcullis.twofactor;

import io.portcullis.ErrorCode;
import io.portcullis.PortcullisException;

/**
 * This instance's server secret is not the one the database's two-factor data is written under
 * (see {@link ServerSecretCheck}). A fault of the server's configuration (500), not the user's: the
 * message is for the operator and names no value.
 */
public final class ServerSecretMismatchException extends PortcullisException {
    private static final long serialVersionUID = 1L;

    ServerSecretMismatchException() {
        super(ErrorCode.INTERNAL_SERVER_ERROR, "this instance's server secret is not the one the database's two-factor data is written under:"
                + " give every instance that shares the database the same secret; if that secret is lost, record the new one with"
                + " `portcullis secret replace`");
    }
}
