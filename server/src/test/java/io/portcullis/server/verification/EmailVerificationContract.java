package io.portcullis.server.verification;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.portcullis.db.Dialect;
import io.portcullis.server.testing.Mailbox;
import io.portcullis.server.testing.ServerContract;
import io.portcullis.server.testing.TestClient;
import io.portcullis.server.testing.TestServer;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Email verification over HTTP, with mail delivered to a real SMTP server in-process (GreenMail). */
public abstract class EmailVerificationContract extends ServerContract {
    private static final Pattern LINK = Pattern.compile("http://localhost:8080/api/auth(/verify-email\\?token=([A-Za-z0-9_-]{43})\\S*)");

    private Mailbox mailbox;
    private final ListAppender<ILoggingEvent> serverLog = new ListAppender<>();

    @Override
    protected Map<String, String> settings() {
        if (mailbox == null) {
            mailbox = new Mailbox();
            serverLog.start();
            ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(serverLog);
        }
        return mailbox.settings();
    }

    @AfterAll
    void stopMailbox() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(serverLog);
        if (mailbox != null) mailbox.close();
    }

    @BeforeEach
    void emptyMailbox() throws Exception {
        mailbox.purge();
    }

    private List<MimeMessage> mailsTo(String email, int expected) throws Exception {
        return mailbox.to(email, expected, Duration.ofSeconds(10));
    }

    private List<MimeMessage> mailsTo(String email, int expected, Duration patience) throws Exception {
        return mailbox.to(email, expected, patience);
    }

    /** The path (under basePath) of the verification link in the mail. */
    private static String linkIn(MimeMessage mail) throws Exception {
        String text = Mailbox.text(mail);
        Matcher m = LINK.matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }

    private String signUpAndGetLink(TestClient client, String email) throws Exception {
        assertThat(client.signUp(email, PASSWORD).status()).isEqualTo(200);
        List<MimeMessage> mails = mailsTo(email, 1);
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).getSubject()).isEqualTo("Verify your email address for Portcullis");
        assertThat(Mailbox.text(mails.get(0))).contains("Hello Test,", email, "within 24 hours");
        return linkIn(mails.get(0));
    }

    @Test
    void signUpMailsOneLinkThatVerifiesTheEmailOnce() throws Exception {
        String email = newEmail();
        TestClient client = server.client();
        String link = signUpAndGetLink(client, email);
        assertThat(client.get("/get-session").json().at("/user/emailVerified").asBoolean()).isFalse();

        TestClient.Response verified = server.client().get(link);
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.body()).isEqualTo("{\"status\":true,\"user\":null}");
        assertThat(client.get("/get-session").json().at("/user/emailVerified").asBoolean()).isTrue();

        TestClient.Response again = server.client().get(link);
        assertThat(again.status()).isEqualTo(401);
        assertThat(again.json().get("code").asText()).isEqualTo("INVALID_TOKEN");
        assertThat(mailsTo(email, 2, Duration.ofSeconds(1))).as("no second mail").hasSize(1);
    }

    @Test
    void anOlderLinkOfAVerifiedAddressSucceedsWithoutASecondEvent() throws Exception {
        String email = newEmail();
        String first = signUpAndGetLink(server.client(), email);
        assertThat(server.client().post("/send-verification-email", "{\"email\":\"" + email + "\"}").status()).isEqualTo(200);
        String second = linkIn(mailsTo(email, 2).get(1));

        assertThat(server.client().get(second).status()).isEqualTo(200);
        TestClient.Response older = server.client().get(first);
        assertThat(older.status()).isEqualTo(200);
        assertThat(older.body()).isEqualTo("{\"status\":true,\"user\":null}");
        assertThat(server.client().get(first).json().get("code").asText()).as("spent all the same").isEqualTo("INVALID_TOKEN");
        assertThat(verifiedEvents(email)).isEqualTo(1);
    }

    private long verifiedEvents(String email) throws Exception {
        try (Connection c = server.database.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*) FROM audit_event e JOIN " + Dialect.fromUrl(server.database.url()).sql("<user>") + " u ON u.id = e.user_id WHERE u.email = ? AND e.type = 'email_verified'")) {
            s.setString(1, email);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void aLinkOlderThan24HoursHasExpired() throws Exception {
        String link = signUpAndGetLink(server.client(), newEmail());
        server.clock.advance(Duration.ofHours(24));
        TestClient.Response expired = server.client().get(link);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().get("code").asText()).isEqualTo("TOKEN_EXPIRED");
    }

    @Test
    void withACallbackUrlTheLinkRedirectsThereWithTheOutcome() throws Exception {
        String link = signUpAndGetLink(server.client(), newEmail());
        TestClient.Response ok = server.client().get(link + "&callbackURL=%2Fwelcome");
        assertThat(ok.status()).isEqualTo(302);
        assertThat(ok.header("Location")).isEqualTo("/welcome");
        TestClient.Response again = server.client().get(link + "&callbackURL=%2Fwelcome");
        assertThat(again.header("Location")).isEqualTo("/welcome?error=INVALID_TOKEN");
        TestClient.Response foreign = server.client().get(link + "&callbackURL=https%3A%2F%2Fevil.example.net%2F");
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.json().get("code").asText()).isEqualTo("INVALID_CALLBACK_URL");
    }

    @Test
    void sendVerificationEmailAnswersAlikeForKnownAndUnknownAddresses() throws Exception {
        String known = newEmail();
        signUpAndGetLink(server.client(), known);
        String unknown = newEmail();
        TestClient.Response forKnown = server.client().post("/send-verification-email", "{\"email\":\"" + known + "\"}");
        TestClient.Response forUnknown = server.client().post("/send-verification-email", "{\"email\":\"" + unknown + "\"}");
        assertThat(forKnown.status()).isEqualTo(200);
        assertThat(forUnknown.status()).isEqualTo(forKnown.status());
        assertThat(forUnknown.body()).isEqualTo(forKnown.body()).isEqualTo("{\"status\":true}");
        assertThat(mailsTo(known, 2)).hasSize(2);
        assertThat(mailsTo(unknown, 1, Duration.ofSeconds(1))).isEmpty();

        server.requestStatements.clear();
        server.client().post("/send-verification-email", "{\"email\":\"" + known + "\"}");
        List<String> forKnownSql = List.copyOf(server.requestStatements);
        server.requestStatements.clear();
        server.client().post("/send-verification-email", "{\"email\":\"" + unknown + "\"}");
        assertThat(forKnownSql).as("the request only looks the address up; the token is written on the mail thread")
                .isEqualTo(List.copyOf(server.requestStatements)).hasSize(1);
    }

    @Test
    void aVerifiedCallerAskingForAnotherLinkIsTold() throws Exception {
        String email = newEmail();
        TestClient client = server.client();
        assertThat(client.get(signUpAndGetLink(client, email)).status()).isEqualTo(200);
        TestClient.Response r = client.post("/send-verification-email", "{\"email\":\"" + email + "\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asText()).isEqualTo("EMAIL_ALREADY_VERIFIED");
    }

    @Test
    void whenVerificationIsRequiredSignUpOpensNoSessionAndSignInWaitsForTheLink() throws Exception {
        Map<String, String> required = new HashMap<>(mailbox.settings());
        required.put("emailVerification.required", "true");
        try (TestServer strict = TestServer.on(server.database, required)) {
            strict.clock.set(START);
            String email = newEmail();
            TestClient client = strict.client();
            TestClient.Response signUp = client.signUp(email, PASSWORD);
            assertThat(signUp.status()).isEqualTo(200);
            assertThat(signUp.json().get("token").isNull()).isTrue();
            assertThat(signUp.setCookies()).isEmpty();

            TestClient.Response refused = client.signIn(email, PASSWORD);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().get("code").asText()).isEqualTo("EMAIL_NOT_VERIFIED");
            assertThat(refused.setCookies()).noneMatch(c -> c.startsWith(COOKIE + "=") && !c.contains("Max-Age=0"));

            assertThat(strict.client().get(linkIn(mailsTo(email, 1).get(0))).status()).isEqualTo(200);
            assertThat(client.signIn(email, PASSWORD).status()).isEqualTo(200);

            // A taken address is answered like a new one (no 422 to probe with); its owner is told by mail.
            TestClient.Response taken = strict.client().signUp(email, "somebody else's passphrase 8");
            TestClient.Response fresh = strict.client().signUp(newEmail(), "somebody else's passphrase 8");
            assertThat(taken.status()).isEqualTo(fresh.status()).isEqualTo(200);
            assertThat(taken.setCookies()).isEqualTo(fresh.setCookies()).isEmpty();
            assertThat(taken.json().get("token").isNull()).isTrue();
            List<String> takenFields = new ArrayList<>();
            List<String> freshFields = new ArrayList<>();
            taken.json().get("user").fieldNames().forEachRemaining(takenFields::add);
            fresh.json().get("user").fieldNames().forEachRemaining(freshFields::add);
            assertThat(takenFields).isEqualTo(freshFields);
            assertThat(taken.json().at("/user/email").asText()).isEqualTo(email);
            assertThat(taken.json().at("/user/id").asText()).isNotEqualTo(client.get("/get-session").json().at("/user/id").asText());
            List<MimeMessage> mails = mailsTo(email, 2);
            assertThat(mails).hasSize(2);
            assertThat(mails.get(1).getSubject()).isEqualTo("Someone tried to sign up for Portcullis with your address");
            assertThat(client.signIn(email, PASSWORD).status()).as("the account is unchanged").isEqualTo(200);
        }
    }

    @Test
    void noTokenIsStoredInTheClearOrLoggedWhenMailGoesBySmtp() throws Exception {
        String link = signUpAndGetLink(server.client(), newEmail());
        Matcher m = LINK.matcher("http://localhost:8080/api/auth" + link);
        assertThat(m.find()).isTrue();
        String token = m.group(2);
        try (Connection c = server.database.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM verification")) {
            while (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    assertThat(String.valueOf(rs.getString(i))).doesNotContain(token);
                }
            }
        }
        assertThat(serverLog.list).noneMatch(e -> e.getFormattedMessage().contains(token));
    }
}
