package io.portcullis;

import java.time.Duration;

/**
 * The one root exception of Portcullis. Every failure a client may see carries an {@link ErrorCode};
 * the message is safe to show (it never holds a token, a hash or SQL).
 */
public class PortcullisException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    /** For 429 answers: how long until the client may try again; null otherwise. */
    private final Duration retryAfter;

    public PortcullisException(ErrorCode code) {
        this(code, code.defaultMessage(), null);
    }

    public PortcullisException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public PortcullisException(ErrorCode code, String message, Throwable cause) {
        this(code, message, cause, null);
    }

    private PortcullisException(ErrorCode code, String message, Throwable cause, Duration retryAfter) {
        super(message, cause);
        this.code = code;
        this.retryAfter = retryAfter;
    }

    /** A refusal that lifts by itself ({@code RATE_LIMITED}, {@code ACCOUNT_LOCKED}) after {@code retryAfter}. */
    public static PortcullisException retryLater(ErrorCode code, Duration retryAfter) {
        return new PortcullisException(code, code.defaultMessage(), null, retryAfter);
    }

    public ErrorCode code() {
        return code;
    }

    /** How long until a retry can succeed, for the {@code Retry-After} header; null when it does not apply. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
