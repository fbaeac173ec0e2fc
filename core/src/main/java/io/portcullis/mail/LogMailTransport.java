package io.portcullis.mail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: the whole message, links included, is written to the log (logger
 * {@code portcullis.mail}), so that a development server needs no mail server. Links in it work
 * like mailed ones: never use this transport where others can read the log.
 */
public final class LogMailTransport implements MailTransport {
    static final Logger LOG = LoggerFactory.getLogger("portcullis.mail");

    @Override
    public void send(MailMessage message) {
        LOG.info("mail (mail.transport=log) to {}, subject \"{}\":\n{}", message.to(), message.subject(), message.text());
    }
}
