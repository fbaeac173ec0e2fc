package io.portcullis.server.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A real SMTP server in-process (GreenMail) on a free port, and the settings that send a server's mail to it. */
public final class Mailbox implements AutoCloseable {
    private final GreenMail smtp;

    public Mailbox() {
        smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    public Map<String, String> settings() {
        return Map.of("mail.transport", "smtp", "mail.smtp.host", "127.0.0.1", "mail.smtp.port", String.valueOf(smtp.getSmtp().getPort()),
                "mail.smtp.starttls", "false", "mail.from", "Portcullis <no-reply@example.com>");
    }

    /** The mails for this address once {@code expected} have arrived, or whatever arrived within {@code patience}. */
    public List<MimeMessage> to(String email, int expected, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        List<MimeMessage> found = new ArrayList<>();
        while (true) {
            found.clear();
            for (MimeMessage m : smtp.getReceivedMessages()) if (m.getAllRecipients()[0].toString().equals(email)) found.add(m);
            if (found.size() >= expected || System.nanoTime() > deadline) return found;
            Thread.sleep(20);
        }
    }

    /** The plain-text body of a mail (the first part when there is an HTML one too). */
    public static String text(MimeMessage mail) throws Exception {
        Object content = mail.getContent();
        return content instanceof MimeMultipart parts ? parts.getBodyPart(0).getContent().toString() : content.toString();
    }

    public void purge() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        smtp.stop();
    }
}
