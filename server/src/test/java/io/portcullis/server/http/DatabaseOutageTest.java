package io.portcullis.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.server.testing.TestClient;
import io.portcullis.server.testing.TestServer;
import io.portcullis.testing.TcpProxy;
import io.portcullis.testing.TestDatabase;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Fail closed (README principle 3, http-api.md "database down"): when PostgreSQL cannot be reached,
 * anything that needs it answers 503 {@code SERVICE_UNAVAILABLE} quickly and nothing is let through;
 * when it comes back, the same server serves the same sessions again without a restart.
 *
 * <p>All of the server's database traffic goes through a {@link TcpProxy} that the test cuts.
 */
class DatabaseOutageTest {
    private static final String POSTGRES = "127.0.0.1:5432";
    private static final String PASSWORD = "correct horse battery";
    private static final long MAX_ANSWER_MS = 2_000;
    private static final long MAX_RECOVERY_MS = 10_000;

    private TestDatabase db;
    private TcpProxy proxy;
    private TestServer server;

    @BeforeEach
    void start() {
        db = TestDatabase.create(TestDatabase.Kind.POSTGRESQL);
        proxy = TcpProxy.to(5432);
        assertThat(db.url()).contains(POSTGRES);
        String viaProxy = db.url().replace(POSTGRES, "127.0.0.1:" + proxy.port());
        server = TestServer.on(db, Map.of("database.url", viaProxy, "database.username", "postgres"));
    }

    @AfterEach
    void stop() {
        try {
            if (server != null) server.close();
        } finally {
            try {
                if (proxy != null) proxy.close();
            } finally {
                if (db != null) db.close();
            }
        }
    }

    @Test
    void aResetLinkFollowedWhileTheDatabaseIsDownKeepsItsTokenOutOfTheLog() {
        String token = "Ab3-" + "x".repeat(39); // the shape of a reset token, so that its check needs the database
        Logger logger = (Logger) LoggerFactory.getLogger(ErrorResponses.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try {
            proxy.down();
            TestClient.Response link = server.client().get("/reset-password/" + token + "?callbackURL=%2Freset-password");
            assertThat(link.status()).as(link.body()).isEqualTo(503);
            assertThat(log.list).singleElement().satisfies(event -> assertThat(event.getFormattedMessage())
                    .contains("GET /api/auth/reset-password/{token}").doesNotContain(token));
        } finally {
            logger.detachAppender(log);
        }
    }

    @Test
    void failsClosedWhileTheDatabaseIsDownAndRecoversWithoutARestart() {
        String email = "outage-" + UUID.randomUUID() + "@example.com";
        TestClient browser = server.client();
        TestClient.Response signUp = browser.signUp(email, PASSWORD);
        assertThat(signUp.status()).as("sign-up: %s", signUp.body()).isEqualTo(200);
        Map<String, String> sessionCookies = Map.copyOf(browser.cookies);
        assertThat(sessionCookies).isNotEmpty();
        JsonNode before = browser.get("/get-session").json();
        assertThat(before.path("session").path("id").asText()).isNotEmpty();
        String sessionId = before.get("session").get("id").asText();

        proxy.down();

        for (int i = 0; i < 3; i++) {
            assertUnavailable("get-session with a session cookie #" + (i + 1), () -> browser.get("/get-session"));
        }
        assertUnavailable("list-sessions with a session cookie", () -> browser.get("/list-sessions"));
        assertUnavailable("sign-in", () -> server.client().signIn(email, PASSWORD));
        assertUnavailable("sign-in with an unknown email", () -> server.client().signIn("nobody-" + UUID.randomUUID() + "@example.com", PASSWORD));
        assertUnavailable("get-session once more", () -> browser.get("/get-session"));

        long started = System.nanoTime();
        TestClient.Response anonymous = server.client().get("/list-sessions");
        assertThat(elapsedMs(started)).as("list-sessions without a cookie answered in ms").isLessThan(MAX_ANSWER_MS);
        assertThat(anonymous.status()).as("list-sessions without a cookie: %s", anonymous.body()).isNotEqualTo(200).isIn(401, 503);
        assertThat(anonymous.header("Content-Type")).startsWith("application/json");

        // An outage is not a sign-out: the browser still holds its session cookie.
        assertThat(browser.cookies).as("cookies after the outage answers").isEqualTo(sessionCookies);

        proxy.up();

        long recovering = System.nanoTime();
        TestClient.Response back = browser.get("/get-session");
        while (!isSession(back, sessionId) && elapsedMs(recovering) < MAX_RECOVERY_MS) {
            assertThat(back.status()).as("while recovering: %s", back.body()).isIn(200, 503);
            if (back.status() == 200) assertThat(back.body()).as("no null session while recovering").isNotEqualTo("null");
            sleep(100);
            back = browser.get("/get-session");
        }
        assertThat(isSession(back, sessionId)).as("get-session %d ms after the database came back: %s %s",
                elapsedMs(recovering), back.status(), back.body()).isTrue();
        assertThat(back.json().get("user").get("email").asText()).isEqualTo(email);

        TestClient.Response list = browser.get("/list-sessions");
        assertThat(list.status()).as("list-sessions after recovery: %s", list.body()).isEqualTo(200);
        assertThat(list.json().isArray()).isTrue();

        TestClient other = server.client();
        TestClient.Response signIn = other.signIn(email, PASSWORD);
        assertThat(signIn.status()).as("sign-in after recovery: %s", signIn.body()).isEqualTo(200);
        assertThat(other.get("/get-session").json().path("user").path("email").asText()).isEqualTo(email);
    }

    @Test
    void readinessSaysDownWhileTheDatabaseIsDownAndLivenessStaysUp() {
        assertThat(server.getAtRoot("/health/ready").status()).isEqualTo(200);

        proxy.down();
        long started = System.nanoTime();
        TestClient.Response ready = server.getAtRoot("/health/ready");
        assertThat(elapsedMs(started)).as("readiness answered in ms").isLessThan(MAX_ANSWER_MS);
        assertThat(ready.status()).as("readiness: %s", ready.body()).isEqualTo(503);
        assertThat(ready.json().path("status").asText()).isEqualTo("DOWN");
        assertThat(ready.json().path("checks").path("database").asText()).isEqualTo("DOWN");
        assertThat(ready.header("Retry-After")).isEqualTo("1");
        assertThat(ready.body()).doesNotContain("Exception", "postgres", "5432");
        assertThat(server.getAtRoot("/health/live").status()).as("the process is alive: no restart wanted").isEqualTo(200);

        proxy.up();
        long recovering = System.nanoTime();
        while (server.getAtRoot("/health/ready").status() != 200 && elapsedMs(recovering) < MAX_RECOVERY_MS) sleep(100);
        assertThat(server.getAtRoot("/health/ready").status()).as("readiness %d ms after the database came back", elapsedMs(recovering)).isEqualTo(200);
    }

    private static void assertUnavailable(String what, Supplier<TestClient.Response> call) {
        long started = System.nanoTime();
        TestClient.Response r = call.get();
        long ms = elapsedMs(started);
        assertThat(r.status()).as("%s: %s", what, r.body()).isNotEqualTo(200).isEqualTo(503);
        assertThat(ms).as("%s answered in ms", what).isLessThan(MAX_ANSWER_MS);
        assertThat(r.header("Content-Type")).as("%s Content-Type", what).startsWith("application/json");
        JsonNode body = r.json();
        assertThat(body.path("code").asText()).as("%s code", what).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(body.path("message").asText()).isNotBlank();
        assertThat(r.body()).doesNotContain("Exception", "SQL", "at io.", "org.eclipse", "postgres", "5432");
        assertThat(r.setCookies()).as("%s must neither issue nor clear a session cookie", what).isEmpty();
    }

    private static boolean isSession(TestClient.Response r, String sessionId) {
        if (r.status() != 200 || r.body().equals("null")) return false;
        return r.json().path("session").path("id").asText().equals(sessionId);
    }

    private static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
