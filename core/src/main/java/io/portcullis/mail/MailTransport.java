package io.portcullis.mail;

/** Hands a message over to whatever delivers it. Called off the request thread, by {@link MailOutbox}. */
public interface MailTransport {
    /** @throws MailDeliveryException when the message could not be handed over (it may be tried again) */
    void send(MailMessage message);
}
