package io.portcullis;

/**
 * The one root exception of Portcullis. Every failure a client may see carries an {@link ErrorCode};
 * the message is safe to show (it never holds a token, a hash or SQL).
 */
public class PortcullisException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public PortcullisException(ErrorCode code) {
        this(code, code.defaultMessage(), null);
    }

    public PortcullisException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public PortcullisException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
