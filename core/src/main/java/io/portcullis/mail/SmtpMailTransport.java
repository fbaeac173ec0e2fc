package io.portcullis.mail;

import io.portcullis.config.MailConfig;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** Delivers through an SMTP relay with Jakarta Mail: STARTTLS or implicit TLS, optional login, short timeouts. */
public final class SmtpMailTransport implements MailTransport {
    static final int TIMEOUT_MS = 10_000;

    private final MailConfig config;
    private final Session session;

    public SmtpMailTransport(MailConfig config) {
        this.config = config;
        String protocol = config.smtpTls() ? "smtps" : "smtp";
        Properties p = new Properties();
        p.put("mail.transport.protocol", protocol);
        p.put("mail." + protocol + ".host", config.smtpHost());
        p.put("mail." + protocol + ".port", String.valueOf(config.smtpPort()));
        p.put("mail." + protocol + ".auth", String.valueOf(config.smtpUsername() != null));
        p.put("mail." + protocol + ".connectiontimeout", String.valueOf(TIMEOUT_MS));
        p.put("mail." + protocol + ".timeout", String.valueOf(TIMEOUT_MS));
        p.put("mail." + protocol + ".writetimeout", String.valueOf(TIMEOUT_MS));
        // STARTTLS, when on, is required: a relay that does not offer it gets no mail rather than a plain-text one.
        p.put("mail.smtp.starttls.enable", String.valueOf(config.smtpStarttls()));
        p.put("mail.smtp.starttls.required", String.valueOf(config.smtpStarttls()));
        p.put("mail." + protocol + ".ssl.checkserveridentity", "true");
        this.session = Session.getInstance(p);
    }

    @Override
    public void send(MailMessage message) {
        try {
            MimeMessage mime = new MimeMessage(session);
            mime.setFrom(new InternetAddress(config.from(), true));
            mime.setRecipient(Message.RecipientType.TO, new InternetAddress(message.to(), true));
            mime.setSubject(message.subject(), StandardCharsets.UTF_8.name());
            if (message.html() == null) {
                mime.setText(message.text(), StandardCharsets.UTF_8.name());
            } else {
                MimeBodyPart text = new MimeBodyPart();
                text.setText(message.text(), StandardCharsets.UTF_8.name());
                MimeBodyPart html = new MimeBodyPart();
                html.setText(message.html(), StandardCharsets.UTF_8.name(), "html");
                mime.setContent(new MimeMultipart("alternative", text, html));
            }
            if (config.smtpUsername() == null) {
                Transport.send(mime);
            } else {
                Transport.send(mime, config.smtpUsername(), config.smtpPassword() == null ? "" : config.smtpPassword().value());
            }
        } catch (MessagingException e) {
            // The exception names the server's answer, never the message body.
            throw new MailDeliveryException("SMTP delivery to " + config.smtpHost() + ":" + config.smtpPort() + " failed: " + e.getMessage(), e);
        }
    }
}
