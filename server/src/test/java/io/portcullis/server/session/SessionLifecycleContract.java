package io.portcullis.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.server.testing.TestClient;
import io.portcullis.server.testing.TestServer;
import io.portcullis.session.SessionToken;
import io.portcullis.testing.Parallel;
import io.portcullis.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Sign-in and the life of a session, over HTTP against a real server, on each database. Time moves
 * by the test's clock; statements are counted as the server runs them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SessionLifecycleContract {
    static final String PASSWORD = "correct horse battery staple";
    static final String COOKIE = "portcullis.session_token";

    private TestServer server;

    abstract TestDatabase.Kind kind();

    @BeforeAll
    void startServer() {
        server = TestServer.start(kind(), Map.of("session.absoluteTimeout", "2h"));
    }

    @AfterAll
    void stopServer() {
        if (server != null) server.close();
    }

    @BeforeEach
    void resetClock() {
        server.clock.set(java.time.Instant.parse("2026-03-01T10:00:00Z"));
    }

    private static String newEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    /** A client that has signed up and then signed in, holding the sign-in session's cookie. */
    private TestClient signedIn() {
        String email = newEmail();
        TestClient client = server.client();
        assertThat(client.signUp(email, PASSWORD).status()).isEqualTo(200);
        client.cookies.clear();
        assertThat(client.signIn(email, PASSWORD).status()).isEqualTo(200);
        return client;
    }

    @Test
    void signUpSignInGetSessionSignOutWalkthrough() {
        String email = newEmail();
        TestClient client = server.client();

        TestClient.Response signUp = client.signUp(email.toUpperCase(), PASSWORD);
        assertThat(signUp.status()).isEqualTo(200);
        assertThat(signUp.json().at("/user/email").asText()).isEqualTo(email);
        assertThat(signUp.json().has("token")).isTrue();
        assertThat(signUp.setCookie(COOKIE)).isPresent();

        TestClient.Response signIn = client.signIn(email, PASSWORD);
        assertThat(signIn.status()).isEqualTo(200);
        assertThat(signIn.json().get("redirect").asBoolean()).isFalse();
        assertThat(signIn.header("Cache-Control")).isEqualTo("no-store");

        TestClient.Response session = client.get("/get-session");
        assertThat(session.status()).isEqualTo(200);
        JsonNode body = session.json();
        assertThat(body.at("/user/email").asText()).isEqualTo(email);
        assertThat(body.at("/session/id").asText()).isEqualTo(signIn.json().get("token").asText());
        assertThat(body.at("/session/token").asText()).isEqualTo(body.at("/session/id").asText());
        assertThat(body.at("/session/createdAt").asText()).isEqualTo("2026-03-01T10:00:00.000Z");
        assertThat(body.at("/session/expiresAt").asText()).isEqualTo("2026-03-01T10:30:00.000Z");
        assertThat(body.at("/session/current").asBoolean()).isTrue();

        TestClient.Response signOut = client.post("/sign-out", "{}");
        assertThat(signOut.status()).isEqualTo(200);
        assertThat(signOut.json().get("success").asBoolean()).isTrue();
        assertThat(signOut.setCookie(COOKIE)).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));

        TestClient.Response after = client.get("/get-session");
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.body()).isEqualTo("null");
    }

    @Test
    void noColumnOfAnyTableHoldsTheCookieValueAndTheStoredHashIsItsSha256() throws Exception {
        TestClient client = signedIn();
        String token = client.cookies.get(COOKIE);
        String sessionId = client.get("/get-session").json().at("/session/id").asText();

        List<String> cellsWithToken = new ArrayList<>();
        try (Connection c = server.database.connect()) {
            DatabaseMetaData meta = c.getMetaData();
            String quote = meta.getIdentifierQuoteString();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
                while (rs.next()) tables.add(rs.getString("TABLE_NAME"));
            }
            assertThat(tables).anyMatch(t -> t.equalsIgnoreCase("session")).anyMatch(t -> t.equalsIgnoreCase("user"));
            for (String table : tables) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + quote + table + quote)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            Object value = rs.getObject(i);
                            if (value != null && value.toString().contains(token)) cellsWithToken.add(table + "." + rs.getMetaData().getColumnName(i));
                        }
                    }
                }
            }
            assertThat(cellsWithToken).isEmpty();
            try (PreparedStatement ps = c.prepareStatement("SELECT token_hash FROM session WHERE id = ?")) {
                ps.setString(1, sessionId);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo(SessionToken.hash(token));
                }
            }
        }
    }

    @Test
    void aSessionDiesAfterTheIdleTimeoutWithoutRequests() {
        TestClient client = signedIn();
        server.clock.advance(Duration.ofMinutes(30).minusMillis(1));
        assertThat(client.get("/get-session").json().isNull()).isFalse();

        TestClient other = signedIn();
        server.clock.advance(Duration.ofMinutes(30));
        TestClient.Response expired = other.get("/get-session");
        assertThat(expired.body()).isEqualTo("null");
        assertThat(expired.setCookie(COOKIE)).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
    }

    @Test
    void activityNeverExtendsASessionPastItsAbsoluteTimeout() {
        TestClient client = signedIn();
        // a request every 10 minutes keeps it alive (idle 30m) until the 2h absolute cap
        for (int minute = 10; minute < 120; minute += 10) {
            server.clock.advance(Duration.ofMinutes(10));
            assertThat(client.get("/get-session").body()).as("at minute %d", minute).isNotEqualTo("null");
        }
        server.clock.advance(Duration.ofMinutes(10)); // minute 120
        assertThat(client.get("/get-session").body()).isEqualTo("null");
    }

    @Test
    void requestsWithinUpdateAgeWriteNothingAndTheFirstAfterItWritesOnceAndResendsTheCookie() {
        TestClient client = signedIn();
        server.statements.clear();

        for (int i = 0; i < 10; i++) {
            server.clock.advance(Duration.ofSeconds(29)); // 4m50s in all, under updateAge (5m)
            TestClient.Response r = client.get("/get-session");
            assertThat(r.body()).isNotEqualTo("null");
            assertThat(r.setCookies()).isEmpty();
        }
        assertThat(server.count("SELECT")).isEqualTo(10);
        assertThat(server.statements).hasSize(10); // one indexed read each, nothing else

        server.clock.advance(Duration.ofSeconds(10)); // 5m00s since sign-in
        server.statements.clear();
        TestClient.Response refreshed = client.get("/get-session");
        assertThat(server.count("SELECT")).isEqualTo(1);
        assertThat(server.count("UPDATE")).isEqualTo(1);
        assertThat(refreshed.setCookie(COOKIE)).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=1800"));
        assertThat(refreshed.json().at("/session/expiresAt").asText()).isEqualTo("2026-03-01T10:35:00.000Z");

        server.statements.clear();
        client.get("/get-session");
        assertThat(server.count("UPDATE")).isZero();
    }

    @Test
    void concurrentRequestsOfManyUsersAreEachAnsweredWithTheirOwnSessionAndShareReads() throws Exception {
        int users = 16, requestsEach = 40;
        List<TestClient> clients = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            TestClient client = server.client();
            String email = newEmail();
            assertThat(client.signUp(email, PASSWORD).status()).isEqualTo(200);
            clients.add(client);
            emails.add(email);
        }
        server.statements.clear();

        List<List<String>> answered = Parallel.race(users, i -> {
            List<String> seen = new ArrayList<>();
            for (int r = 0; r < requestsEach; r++) seen.add(clients.get(i).get("/get-session").json().at("/user/email").asText());
            return seen;
        });

        for (int i = 0; i < users; i++) assertThat(answered.get(i)).as("user %d", i).containsOnly(emails.get(i)).hasSize(requestsEach);
        // No write, and fewer reads than requests: requests that came while a read ran shared the next one.
        assertThat(server.count("UPDATE")).isZero();
        assertThat(server.statements.stream().filter(sql -> sql.contains("FROM session s JOIN")).count())
                .isPositive().isLessThan(users * requestsEach);
    }

    @Test
    void rememberMeFalseGivesABrowserSessionCookieWithoutMaxAge() {
        String email = newEmail();
        TestClient client = server.client();
        client.signUp(email, PASSWORD);
        TestClient.Response r = client.post("/sign-in/email",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"rememberMe\":false}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.setCookie(COOKIE)).hasValueSatisfying(c -> assertThat(c).doesNotContain("Max-Age").contains("HttpOnly"));
        assertThat(client.get("/get-session").json().at("/session/id").isTextual()).isTrue();
    }

    @Test
    void everySignInIsANewSessionAndAPresentedTokenIsNotPromoted() {
        String email = newEmail();
        TestClient client = server.client();
        client.signUp(email, PASSWORD);
        String before = client.cookies.get(COOKIE);
        TestClient.Response first = client.signIn(email, PASSWORD);
        String afterFirst = client.cookies.get(COOKIE);
        TestClient.Response second = client.signIn(email, PASSWORD);

        assertThat(afterFirst).isNotEqualTo(before);
        assertThat(client.cookies.get(COOKIE)).isNotEqualTo(afterFirst);
        assertThat(second.json().get("token").asText()).isNotEqualTo(first.json().get("token").asText());
    }

    @Test
    void deletingAUserEndsItsSessionsThroughTheForeignKey() throws Exception {
        TestClient client = signedIn();
        String userId = client.get("/get-session").json().at("/user/id").asText();

        assertThat(server.portcullis.users().delete(userId)).isTrue();

        assertThat(client.get("/get-session").body()).isEqualTo("null");
        try (Connection c = server.database.connect();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM session WHERE user_id = ?")) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
        }
    }

    @Test
    void listSessionsNeedsASessionAndShowsEveryLiveOneWithTheCurrentMarked() {
        String email = newEmail();
        server.client().signUp(email, PASSWORD);
        List<TestClient> devices = List.of(server.client(), server.client(), server.client());
        devices.forEach(d -> assertThat(d.signIn(email, PASSWORD).status()).isEqualTo(200));

        TestClient.Response list = devices.get(1).get("/list-sessions");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json()).hasSize(4); // the sign-up session and three sign-ins
        List<JsonNode> current = new ArrayList<>();
        list.json().forEach(s -> {
            if (s.get("current").asBoolean()) current.add(s);
            assertThat(s.get("token").asText()).isEqualTo(s.get("id").asText());
        });
        assertThat(current).hasSize(1);
        assertThat(list.body()).doesNotContain(devices.get(1).cookies.get(COOKIE));

        TestClient.Response anonymous = server.client().get("/list-sessions");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("code").asText()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void anUnknownOrMalformedCookieIsNoSessionAndIsExpired() {
        TestClient client = server.client();
        client.cookies.put(COOKIE, SessionToken.generate());
        TestClient.Response unknown = client.get("/get-session");
        assertThat(unknown.body()).isEqualTo("null");
        assertThat(unknown.setCookie(COOKIE)).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));

        TestClient garbage = server.client();
        garbage.cookies.put(COOKIE, "not-a-token");
        server.statements.clear();
        assertThat(garbage.get("/get-session").body()).isEqualTo("null");
        assertThat(server.statements).isEmpty(); // a value that cannot be a token costs no read
    }

    @Test
    void signOutWithoutASessionSucceeds() {
        TestClient.Response r = server.client().post("/sign-out", "");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("success").asBoolean()).isTrue();
    }
}
