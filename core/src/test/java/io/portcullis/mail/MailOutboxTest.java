package io.portcullis.mail;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.portcullis.config.MailConfig;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Mail over real SMTP (GreenMail in-process): delivery, retries while the server is down, and the log transport. */
class MailOutboxTest {
    private static final String LINK = "https://auth.example.com/verify?token=SECRET-TOKEN-123";
    private static final MailMessage MESSAGE = new MailMessage("ada@example.com", "Verify your email",
            "Open " + LINK, "<p><a href=\"" + LINK + "\">Verify</a></p>");

    private static final List<String> LOGGERS = List.of("io.portcullis.mail", "portcullis.mail");
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private GreenMail smtp;
    private MailOutbox outbox;

    @BeforeEach
    void listen() {
        logged.start();
        for (String name : LOGGERS) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            logger.addAppender(logged);
            logger.setLevel(Level.INFO);
        }
    }

    @AfterEach
    void stop() {
        if (outbox != null) outbox.close();
        if (smtp != null) smtp.stop();
        for (String name : LOGGERS) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            logger.detachAppender(logged);
            logger.setLevel(null);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static MailConfig smtpOn(int port) {
        return new MailConfig(MailConfig.Transport.SMTP, "Portcullis <no-reply@auth.example.com>", "127.0.0.1", port, null, null, false, false, null);
    }

    private GreenMail startSmtp(int port) {
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return smtp;
    }

    private void awaitSent() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (outbox.sent() == 0 && System.nanoTime() < deadline) Thread.sleep(10);
    }

    private String log() {
        return String.join("\n", logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    }

    @Test
    void smtpDeliversTextAndHtmlFromTheConfiguredSender() throws Exception {
        int port = freePort();
        startSmtp(port);
        outbox = new MailOutbox(new SmtpMailTransport(smtpOn(port)), Duration.ofMillis(100));
        assertThat(outbox.enqueue(MESSAGE)).isTrue();

        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        awaitSent();
        MimeMessage received = smtp.getReceivedMessages()[0];
        assertThat(received.getSubject()).isEqualTo("Verify your email");
        assertThat(received.getFrom()[0].toString()).isEqualTo("Portcullis <no-reply@auth.example.com>");
        assertThat(received.getAllRecipients()[0].toString()).isEqualTo("ada@example.com");
        MimeMultipart parts = (MimeMultipart) received.getContent();
        assertThat(parts.getBodyPart(0).getContent().toString()).contains(LINK);
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat(outbox.sent()).isEqualTo(1);
        assertThat(log()).doesNotContain("SECRET-TOKEN");
    }

    @Test
    void whileTheServerIsDownEnqueueingReturnsAtOnceAndTheMessageIsRetriedUntilItArrives() throws Exception {
        int port = freePort();
        outbox = new MailOutbox(new SmtpMailTransport(smtpOn(port)), Duration.ofMillis(300));
        long start = System.nanoTime();
        assertThat(outbox.enqueue(MESSAGE)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(200));

        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!log().contains("attempt 1 of 5 failed") && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(log()).contains("MailMessage[to=ada@example.com, subject=Verify your email] attempt 1 of 5 failed");

        startSmtp(port);
        assertThat(smtp.waitForIncomingEmail(15_000, 1)).as("delivered by a retry").isTrue();
        awaitSent();
        assertThat(outbox.sent()).isEqualTo(1);
        assertThat(outbox.failed()).isZero();
        assertThat(log()).doesNotContain("SECRET-TOKEN");
    }

    @Test
    void aMessageThatNeverGetsThroughIsGivenUpAndCounted() throws Exception {
        outbox = new MailOutbox(new SmtpMailTransport(smtpOn(freePort())), Duration.ofMillis(10));
        outbox.enqueue(MESSAGE);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (outbox.failed() == 0 && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(outbox.failed()).isEqualTo(1);
        assertThat(log()).contains("not delivered after 5 attempts").doesNotContain("SECRET-TOKEN");
    }

    @Test
    void theLogTransportWritesTheWholeMessageLinkIncluded() throws Exception {
        outbox = new MailOutbox(new LogMailTransport(), Duration.ofMillis(10));
        outbox.enqueue(MESSAGE);
        awaitSent();
        List<String> lines = logged.list.stream().filter(e -> e.getLoggerName().equals("portcullis.mail")).map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).singleElement().satisfies(l -> assertThat(l).contains("ada@example.com", "Verify your email", LINK));
    }

    @Test
    void aMessageIsComposedOnTheMailThreadAndAFailedCompositionIsLoggedAndCounted() throws Exception {
        outbox = new MailOutbox(new LogMailTransport(), Duration.ofMillis(10));
        String caller = Thread.currentThread().getName();
        java.util.concurrent.atomic.AtomicReference<String> composedOn = new java.util.concurrent.atomic.AtomicReference<>();
        outbox.enqueue("reset mail for user u1", () -> {
            composedOn.set(Thread.currentThread().getName());
            return MESSAGE;
        });
        awaitSent();
        assertThat(composedOn.get()).isEqualTo("portcullis-mail").isNotEqualTo(caller);

        outbox.enqueue("reset mail for user u2", () -> {
            throw new IllegalStateException("database unavailable");
        });
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (outbox.failed() == 0 && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(outbox.failed()).isEqualTo(1);
        assertThat(outbox.sent()).isEqualTo(1);
        assertThat(log()).contains("reset mail for user u2 not composed, so not sent: database unavailable");
    }
}
