package io.portcullis.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.audit.AuditQuery;
import io.portcullis.audit.AuditType;
import io.portcullis.server.testing.ServerContract;
import io.portcullis.server.testing.TestClient;
import io.portcullis.server.testing.TestServer;
import io.portcullis.user.User;
import java.net.http.HttpRequest;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Rate limiting over HTTP. This class's server sits behind a trusted proxy (the test client connects
 * from 127.0.0.1), so each test picks its own client addresses through {@code X-Forwarded-For} and
 * never shares a counter with another test. Attempts use unknown emails: each is a plain 401, and no
 * account's failure count grows.
 */
abstract class RateLimitContract extends ServerContract {
    private static final Map<String, String> BEHIND_PROXY = Map.of("rateLimit.enabled", "true", "trustedProxies", "127.0.0.1/32");
    private static final AtomicInteger NEXT_CLIENT = new AtomicInteger();

    @Override
    protected Map<String, String> settings() {
        return BEHIND_PROXY;
    }

    /** A client address no other test uses. */
    private static String newClientIp() {
        int n = NEXT_CLIENT.incrementAndGet();
        return "198.51." + (100 + n / 250) + "." + (1 + n % 250);
    }

    private static TestClient.Response signInAttempt(TestServer target, String forwardedFor) {
        TestClient client = target.client();
        String body = "{\"email\":\"" + newEmail() + "\",\"password\":\"" + PASSWORD + "\"}";
        HttpRequest.Builder request = client.request("/sign-in/email").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (forwardedFor != null) request.header("X-Forwarded-For", forwardedFor);
        return client.send(request);
    }

    private static TestClient.Response get(TestServer target, String path, String forwardedFor) {
        TestClient client = target.client();
        return client.send(client.request(path).header("X-Forwarded-For", forwardedFor).GET());
    }

    private static void assertRateLimited(TestClient.Response r, long seconds) {
        assertThat(r.status()).as(r.body()).isEqualTo(429);
        assertThat(r.json().get("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(r.header("Retry-After")).isEqualTo(String.valueOf(seconds));
        assertThat(r.header("X-Retry-After")).isEqualTo(String.valueOf(seconds));
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void theSixthSignInAttemptInTenSecondsIsRefusedUntilTheWindowEnds() {
        String ip = newClientIp();
        for (int i = 0; i < 5; i++) assertThat(signInAttempt(server, ip).status()).as("attempt %d", i + 1).isEqualTo(401);

        server.clock.advance(Duration.ofSeconds(3));
        assertRateLimited(signInAttempt(server, ip), 7);
        assertThat(get(server, "/get-session", ip).status()).as("another route of the same client").isEqualTo(200);
        assertThat(signInAttempt(server, newClientIp()).status()).as("another client").isEqualTo(401);

        server.clock.advance(Duration.ofMillis(6_500));
        assertRateLimited(signInAttempt(server, ip), 1);
        server.clock.advance(Duration.ofMillis(500));
        assertThat(signInAttempt(server, ip).status()).as("once the window is over").isEqualTo(401);
    }

    @Test
    void anUntrustedPeerCannotEscapeItsLimitWithForwardedFor() {
        try (TestServer direct = TestServer.on(server.database, Map.of("rateLimit.enabled", "true"))) {
            direct.clock.set(START);
            for (int i = 0; i < 5; i++) assertThat(signInAttempt(direct, newClientIp()).status()).isEqualTo(401);
            assertRateLimited(signInAttempt(direct, newClientIp()), 10);
            assertRateLimited(signInAttempt(direct, null), 10);
        }
    }

    @Test
    void behindATrustedProxyEachForwardedClientHasItsOwnLimit() {
        String first = newClientIp();
        String second = newClientIp();
        for (int i = 0; i < 5; i++) {
            // What the client itself wrote (on the left) is not believed: the proxy's entry is.
            assertThat(signInAttempt(server, "10.9.9." + i + ", " + first).status()).isEqualTo(401);
            assertThat(signInAttempt(server, second).status()).isEqualTo(401);
        }
        assertRateLimited(signInAttempt(server, "10.9.9.9, " + first), 10);
        assertRateLimited(signInAttempt(server, second), 10);
    }

    @Test
    void ipv6ClientsInOneSlash64ShareALimit() {
        String prefix = "2001:db8:" + Integer.toHexString(NEXT_CLIENT.incrementAndGet()) + ":1:";
        for (int i = 1; i <= 5; i++) assertThat(signInAttempt(server, prefix + ":" + i).status()).isEqualTo(401);
        assertRateLimited(signInAttempt(server, prefix + "ffff:ffff:ffff:ffff"), 10);
        assertThat(signInAttempt(server, prefix.replace(":1:", ":2:") + ":1").status()).as("the next /64").isEqualTo(401);
    }

    @Test
    void configuredRulesReplaceTheBuiltInOnesAndSetTheDefault() {
        Map<String, String> settings = Map.of("rateLimit.enabled", "true", "trustedProxies", "127.0.0.1",
                "rateLimit.rules", "/sign-in/*=20s/2, /ok=1m/1", "rateLimit.window", "30s", "rateLimit.max", "3");
        try (TestServer configured = TestServer.on(server.database, settings)) {
            configured.clock.set(START);
            String ip = newClientIp();
            for (int i = 0; i < 2; i++) assertThat(signInAttempt(configured, ip).status()).isEqualTo(401);
            assertRateLimited(signInAttempt(configured, ip), 20);

            assertThat(get(configured, "/ok", ip).status()).isEqualTo(200);
            assertRateLimited(get(configured, "/ok", ip), 60);

            for (int i = 0; i < 3; i++) assertThat(get(configured, "/get-session", ip).status()).isEqualTo(200);
            assertRateLimited(get(configured, "/get-session", ip), 30);

            for (int i = 0; i < 5; i++) {
                assertThat(get(configured, "/no-such-route", ip).status()).as("an unknown path is not a route: not counted").isEqualTo(404);
            }
        }
    }

    @Test
    void aSignedInClientWithinTheDefaultLimitCostsOneCounterStatementPerTenRequests() {
        User user = newUser("user");
        String ip = newClientIp();
        TestClient browser = server.client();
        HttpRequest.Builder signIn = browser.request("/sign-in/email").header("Content-Type", "application/json")
                .header("X-Forwarded-For", ip)
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + user.email() + "\",\"password\":\"" + PASSWORD + "\"}"));
        assertThat(browser.send(signIn).status()).isEqualTo(200);
        long before = counterStatements();
        for (int i = 0; i < 30; i++) {
            TestClient.Response session = browser.send(browser.request("/get-session").header("X-Forwarded-For", ip).GET());
            assertThat(session.status()).isEqualTo(200);
            assertThat(session.json().at("/session/id").asText()).isNotEmpty();
        }
        assertThat(counterStatements() - before).as("rate-limit statements for 30 requests").isEqualTo(3);
    }

    private long counterStatements() {
        return server.statements.stream().filter(sql -> sql.contains("rate_limit")).count();
    }

    @Test
    void withRateLimitingDisabledNothingIsCountedOrRefused() throws Exception {
        try (TestServer unlimited = TestServer.on(server.database, Map.of("rateLimit.enabled", "false", "trustedProxies", "127.0.0.1/32"))) {
            unlimited.clock.set(START);
            String ip = newClientIp();
            for (int i = 0; i < 8; i++) assertThat(signInAttempt(unlimited, ip).status()).isEqualTo(401);
            assertThat(countersOf(ip)).isZero();
        }
    }

    @Test
    void behindATrustedProxySessionsAndTheAuditTrailRecordTheForwardedClient() {
        User user = newUser("user");
        TestClient browser = server.client();
        HttpRequest.Builder signIn = browser.request("/sign-in/email").header("Content-Type", "application/json")
                .header("X-Forwarded-For", "2001:DB8:0:0:0:0:0:77, 127.0.0.1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + user.email() + "\",\"password\":\"" + PASSWORD + "\"}"));
        assertThat(browser.send(signIn).status()).isEqualTo(200);

        TestClient.Response sessions = browser.get("/list-sessions");
        assertThat(sessions.json().get(0).get("ipAddress").asText()).isEqualTo("2001:db8::77");
        assertThat(server.portcullis.audit().list(new AuditQuery(user.id(), AuditType.SIGN_IN_SUCCESS, null, null, 10)))
                .singleElement().satisfies(e -> assertThat(e.ipAddress()).isEqualTo("2001:db8::77"));
    }

    @Test
    void fromAnUntrustedPeerTheSessionRecordsThePeer() {
        try (TestServer direct = TestServer.on(server.database, Map.of())) {
            direct.clock.set(START);
            User user = newUser("user");
            TestClient browser = direct.client();
            HttpRequest.Builder signIn = browser.request("/sign-in/email").header("Content-Type", "application/json")
                    .header("X-Forwarded-For", "203.0.113.99")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + user.email() + "\",\"password\":\"" + PASSWORD + "\"}"));
            assertThat(browser.send(signIn).status()).isEqualTo(200);
            assertThat(browser.get("/list-sessions").json().get(0).get("ipAddress").asText()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void twoInstancesOnOneDatabaseShareTheCounters() {
        try (TestServer a = TestServer.on(server.database, BEHIND_PROXY); TestServer b = TestServer.on(server.database, BEHIND_PROXY)) {
            a.clock.set(START);
            b.clock.set(START);
            String ip = newClientIp();
            for (int i = 0; i < 5; i++) {
                TestServer instance = i % 2 == 0 ? a : b;
                assertThat(signInAttempt(instance, ip).status()).as("attempt %d", i + 1).isEqualTo(401);
            }
            assertRateLimited(signInAttempt(b, ip), 10);
            assertRateLimited(signInAttempt(a, ip), 10);
        }
    }

    @Test
    void twentyParallelSignInAttemptsLetExactlyFiveThrough() throws Exception {
        String ip = newClientIp();
        int parallel = 20;
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                statuses.add(pool.submit(() -> {
                    start.await();
                    return signInAttempt(server, ip).status();
                }));
            }
            start.countDown();
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> s : statuses) results.add(s.get());
            assertThat(results.stream().filter(s -> s != 429)).hasSize(5).containsOnly(401);
            assertThat(results.stream().filter(s -> s == 429)).hasSize(15);
        } finally {
            pool.shutdownNow();
        }
        // Each attempt that reached the database counted once; once one was refused there, the rest were refused from memory.
        assertThat(countersOf(ip)).isBetween(6L, 20L);
    }

    /** The sum of the stored counts of one client's buckets. */
    private long countersOf(String ip) throws Exception {
        try (Connection c = server.database.connect();
             PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(count), 0) FROM rate_limit WHERE bucket LIKE ?")) {
            ps.setString(1, ip + "|%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
