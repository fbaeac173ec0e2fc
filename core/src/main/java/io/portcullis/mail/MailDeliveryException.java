package io.portcullis.mail;

/** A message could not be handed over; the outbox tries again. The message never holds the mail's body. */
public final class MailDeliveryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MailDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
