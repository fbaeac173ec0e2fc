package io.portcullis.server.password;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.server.testing.Mailbox;
import io.portcullis.server.testing.ServerContract;
import io.portcullis.server.testing.TestClient;
import io.portcullis.user.Roles;
import io.portcullis.user.User;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Password reset over HTTP with the link delivered by real SMTP (GreenMail). */
public abstract class PasswordResetContract extends ServerContract {
    private static final Pattern LINK = Pattern.compile("http://localhost:8080/api/auth/reset-password/([A-Za-z0-9_-]{43})\\?callbackURL=%2Freset");
    private static final String NEW_PASSWORD = "a completely fresh passphrase 73";
    private Mailbox mailbox;

    @Override
    protected Map<String, String> settings() {
        if (mailbox == null) mailbox = new Mailbox();
        return mailbox.settings();
    }

    @AfterAll
    void stopMailbox() {
        if (mailbox != null) mailbox.close();
    }

    @BeforeEach
    void emptyMailbox() throws Exception {
        mailbox.purge();
    }

    private TestClient.Response request(String email) {
        return server.client().post("/request-password-reset", "{\"email\":\"" + email + "\",\"redirectTo\":\"/reset\"}");
    }

    private String requestToken(User user, int mailNumber) throws Exception {
        assertThat(request(user.email()).status()).isEqualTo(200);
        List<MimeMessage> mails = mailbox.to(user.email(), mailNumber, Duration.ofSeconds(10));
        assertThat(mails).hasSize(mailNumber);
        Matcher m = LINK.matcher(Mailbox.text(mails.get(mailNumber - 1)));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private TestClient.Response reset(String token, String password) {
        return server.client().post("/reset-password", "{\"token\":\"" + token + "\",\"newPassword\":\"" + password + "\"}");
    }

    @Test
    void aResetThatCannotBeStoredWhollyChangesNothingAndTheSameLinkWorksAfterIt() throws Exception {
        User user = newUser(Roles.DEFAULT);
        TestClient laptop = signedIn(user);
        String token = requestToken(user, 1);

        whileTheDatabaseRefuses("audit_event", "type <> 'password_reset' OR user_id <> '" + user.id() + "'",
                () -> assertThat(reset(token, NEW_PASSWORD).status()).isEqualTo(500));
        assertThat(isSignedIn(laptop)).as("its sessions live on").isTrue();
        assertThat(server.client().signIn(user.email(), PASSWORD).status()).as("its password, unchanged").isEqualTo(200);

        assertThat(reset(token, NEW_PASSWORD).status()).as("the same link, not spent").isEqualTo(200);
        assertThat(isSignedIn(laptop)).isFalse();
        assertThat(server.client().signIn(user.email(), NEW_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aResetEndsEverySessionChangesThePasswordAndMailsANotice() throws Exception {
        User user = newUser(Roles.DEFAULT);
        TestClient laptop = signedIn(user);
        TestClient phone = signedIn(user);
        String token = requestToken(user, 1);

        TestClient.Response link = server.client().get("/reset-password/" + token + "?callbackURL=%2Freset");
        assertThat(link.status()).isEqualTo(302);
        assertThat(link.header("Location")).isEqualTo("/reset?token=" + token);

        TestClient.Response done = reset(token, NEW_PASSWORD);
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(isSignedIn(laptop)).isFalse();
        assertThat(isSignedIn(phone)).isFalse();
        assertThat(server.client().signIn(user.email(), PASSWORD).status()).isEqualTo(401);
        assertThat(server.client().signIn(user.email(), NEW_PASSWORD).status()).isEqualTo(200);

        TestClient.Response again = reset(token, NEW_PASSWORD + "x");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("code").asText()).isEqualTo("INVALID_TOKEN");
        TestClient.Response slashed = server.client().post("/reset-password/", "{\"token\":\"" + token + "\",\"newPassword\":\"" + NEW_PASSWORD + "x\"}");
        assertThat(slashed.status()).as("the same route with a trailing slash: " + slashed.body()).isEqualTo(400);
        assertThat(server.client().get("/reset-password/" + token + "?callbackURL=%2Freset").header("Location"))
                .isEqualTo("/reset?error=INVALID_TOKEN");

        List<MimeMessage> mails = mailbox.to(user.email(), 2, Duration.ofSeconds(10));
        assertThat(mails).hasSize(2);
        assertThat(mails.get(1).getSubject()).isEqualTo("Your Portcullis password was reset");
    }

    @Test
    void twoParallelResetsWithOneTokenLetExactlyOneThrough() throws Exception {
        User user = newUser(Roles.DEFAULT);
        String token = requestToken(user, 1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (String password : new String[] {NEW_PASSWORD, "another brand new passphrase 19"}) {
                results.add(pool.submit(() -> {
                    start.await();
                    return reset(token, password).status();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : results) statuses.add(f.get());
            assertThat(statuses).containsExactlyInAnyOrder(200, 400);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void knownAndUnknownAddressesGetTheSameAnswer() throws Exception {
        User user = newUser(Roles.DEFAULT);
        TestClient.Response known = request(user.email());
        TestClient.Response unknown = request(newEmail());
        assertThat(unknown.status()).isEqualTo(known.status()).isEqualTo(200);
        assertThat(unknown.body()).isEqualTo(known.body())
                .isEqualTo("{\"status\":true,\"message\":\"If this email exists in our system, check your email for the reset link\"}");
        TestClient.Response foreign = server.client().post("/request-password-reset",
                "{\"email\":\"" + user.email() + "\",\"redirectTo\":\"https://evil.example.net/\"}");
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.json().get("code").asText()).isEqualTo("INVALID_REDIRECT_URL");
    }

    /** The SQL a request ran on its own thread. */
    private List<String> statementsOf(Runnable request) {
        server.requestStatements.clear();
        request.run();
        return List.copyOf(server.requestStatements);
    }

    @Test
    void aKnownAddressCostsTheRequestNoMoreWorkAndNoMoreTimeThanAnUnknownOne() throws Exception {
        User user = newUser(Roles.DEFAULT);
        List<String> known = statementsOf(() -> request(user.email()));
        List<String> unknown = statementsOf(() -> request(newEmail()));
        assertThat(known).as("the request only looks the address up; tokens are written on the mail thread")
                .isEqualTo(unknown).hasSize(1).allSatisfy(sql -> assertThat(sql.stripLeading()).startsWithIgnoringCase("SELECT"));
        assertThat(mailbox.to(user.email(), 1, Duration.ofSeconds(10))).hasSize(1);

        // A guard against gross regressions (mail sent on the request thread costs tens of milliseconds),
        // with room for the noise of sub-millisecond requests on a busy machine.
        List<Long> knownNanos = new ArrayList<>();
        List<Long> unknownNanos = new ArrayList<>();
        for (int i = 0; i < 31; i++) {
            knownNanos.add(timed(() -> request(user.email())));
            unknownNanos.add(timed(() -> request(newEmail())));
        }
        double knownMs = median(knownNanos) / 1e6;
        double unknownMs = median(unknownNanos) / 1e6;
        assertThat(knownMs).as("median ms, known vs unknown %.3f", unknownMs).isLessThan(unknownMs * 1.5 + 2);
        assertThat(unknownMs).as("median ms, unknown vs known %.3f", knownMs).isLessThan(knownMs * 1.5 + 2);
    }

    private static long timed(Runnable request) {
        long start = System.nanoTime();
        request.run();
        return System.nanoTime() - start;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    @Test
    void aWeakPasswordKeepsTheTokenANewRequestVoidsItAndTheLinkExpiresAfterAnHour() throws Exception {
        User user = newUser(Roles.DEFAULT);
        String first = requestToken(user, 1);
        TestClient.Response weak = reset(first, "password1234");
        assertThat(weak.json().get("code").asText()).isEqualTo("PASSWORD_TOO_WEAK");

        String second = requestToken(user, 2);
        assertThat(reset(first, NEW_PASSWORD).json().get("code").asText()).isEqualTo("INVALID_TOKEN");

        server.clock.advance(Duration.ofHours(1));
        TestClient.Response expired = reset(second, NEW_PASSWORD);
        // INVALID_TOKEN, the one code Better Auth's clients know here; the message says why.
        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.json().get("code").asText()).isEqualTo("INVALID_TOKEN");
        assertThat(expired.json().get("message").asText()).isEqualTo("This reset link has expired");
        assertThat(server.client().get("/reset-password/" + second + "?callbackURL=%2Freset").header("Location"))
                .isEqualTo("/reset?error=INVALID_TOKEN");

        // The rows stay a day after expiry (the link still says it expired), then the cleanup deletes them, used or not.
        server.portcullis.verificationTokens().cleanup();
        assertThat(reset(second, NEW_PASSWORD).json().get("message").asText()).isEqualTo("This reset link has expired");
        assertThat(tokenRows(user)).isEqualTo(2);
        server.clock.advance(Duration.ofDays(1));
        assertThat(server.portcullis.verificationTokens().cleanup()).isGreaterThanOrEqualTo(2);
        assertThat(tokenRows(user)).isZero();
        TestClient.Response gone = reset(second, NEW_PASSWORD);
        assertThat(gone.json().get("code").asText()).isEqualTo("INVALID_TOKEN");
        assertThat(gone.json().get("message").asText()).isNotEqualTo("This reset link has expired");
    }

    @Test
    void aLinkAskedForWithoutRedirectToLeadsToThisServersResetPage() throws Exception {
        User user = newUser(Roles.DEFAULT);
        assertThat(server.client().post("/request-password-reset", "{\"email\":\"" + user.email() + "\"}").status()).isEqualTo(200);
        List<MimeMessage> mails = mailbox.to(user.email(), 1, Duration.ofSeconds(10));
        Matcher m = Pattern.compile("http://localhost:8080/api/auth/reset-password/([A-Za-z0-9_-]{43})(\\S*)").matcher(Mailbox.text(mails.get(0)));
        assertThat(m.find()).isTrue();
        assertThat(m.group(2)).as("no callbackURL in the link").isEmpty();

        TestClient.Response followed = server.client().get("/reset-password/" + m.group(1));
        assertThat(followed.status()).isEqualTo(302);
        assertThat(followed.header("Location")).isEqualTo("/reset-password?token=" + m.group(1));
        assertThat(server.client().get("/reset-password/" + "x".repeat(43)).header("Location")).isEqualTo("/reset-password?error=INVALID_TOKEN");
        assertThat(reset(m.group(1), NEW_PASSWORD).status()).isEqualTo(200);
    }

    private long tokenRows(User user) throws Exception {
        try (Connection c = server.database.connect(); PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM verification WHERE user_id = ?")) {
            s.setString(1, user.id());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void aResetLiftsTheAccountLockout() throws Exception {
        User user = newUser(Roles.DEFAULT);
        for (int i = 0; i < 5; i++) server.client().signIn(user.email(), "not the password at all");
        assertThat(server.client().signIn(user.email(), PASSWORD).status()).isEqualTo(429);
        // The first mail is the lock notice, the second the reset link.
        assertThat(reset(requestToken(user, 2), NEW_PASSWORD).status()).isEqualTo(200);
        assertThat(server.client().signIn(user.email(), NEW_PASSWORD).status()).isEqualTo(200);
    }
}
