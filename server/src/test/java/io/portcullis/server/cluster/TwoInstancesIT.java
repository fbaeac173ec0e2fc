package io.portcullis.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.server.testing.JarProcess;
import io.portcullis.server.testing.TestClient;
import io.portcullis.testing.TcpProxy;
import io.portcullis.testing.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server processes behind one (imaginary) load balancer, on one PostgreSQL: whatever one instance
 * does to a session, the other sees at its next request, because the database is the only state. Also
 * what an operator fears: the database going away under load, and an instance killed with SIGKILL.
 *
 * <p>The instances reach PostgreSQL through a {@link TcpProxy} that the outage test cuts.
 */
class TwoInstancesIT {
    private static final String ORIGIN = "http://auth.test";
    private static final String PASSWORD = "correct horse battery";
    private static final int TRIALS = 1_000;

    @TempDir
    Path workDir;

    private TestDatabase db;
    private TcpProxy proxy;
    private JarProcess a;
    private JarProcess b;
    private Map<String, String> settings;

    @BeforeEach
    void start() {
        db = TestDatabase.create(TestDatabase.Kind.POSTGRESQL);
        proxy = TcpProxy.to(5432);
        settings = new HashMap<>(db.settings());
        settings.put("database.url", db.url().replace("127.0.0.1:5432", "127.0.0.1:" + proxy.port()));
        settings.put("baseUrl", ORIGIN);
        settings.put("secret", "two-instances-share-this-secret-of-32+-chars");
        settings.put("emailVerification.sendOnSignUp", "false");
        settings.put("lockout.maxFailures", "5");
        // Generous limits for the trials (all from 127.0.0.1), one tight rule to see counters shared.
        settings.put("rateLimit.max", "1000000");
        settings.put("rateLimit.rules", "/sign-in/*=10s/1000000,/sign-up/*=10s/1000000,/request-password-reset=1m/3");
        a = JarProcess.start("a", workDir, settings);
        b = JarProcess.start("b", workDir, settings);
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {a, b, proxy, db}) {
            try {
                if (c != null) c.close();
            } catch (Exception ignored) {
                // best effort: the next resource still gets closed
            }
        }
    }

    private static TestClient browserOf(JarProcess instance) {
        return new TestClient(instance.rootUri() + "/api/auth", ORIGIN);
    }

    /** The same browser, its requests now routed to another instance. */
    private static TestClient sameBrowserOn(JarProcess instance, TestClient browser) {
        TestClient moved = browserOf(instance);
        moved.cookies.putAll(browser.cookies);
        return moved;
    }

    @Test
    void aThirdInstanceWithAnotherSecretOrNoneDoesNotStart() {
        Map<String, String> another = new HashMap<>(settings);
        another.put("secret", "a-third-instance-was-given-another-secret");
        Map<String, String> none = new HashMap<>(settings);
        none.remove("secret"); // a secret generated into the third instance's own ./data/secret

        for (Map<String, String> third : List.of(another, none)) {
            assertThatThrownBy(() -> JarProcess.start("c", workDir, third)).as(third.containsKey("secret") ? "another secret" : "none")
                    .hasMessageContaining("server exited before it was ready")
                    .hasMessageContaining("portcullis: this instance's server secret is not the one the database's two-factor data is written under");
        }
        assertThat(browserOf(a).get("/ok").status()).as("the first two still serve").isEqualTo(200);
        assertThat(browserOf(b).get("/ok").status()).isEqualTo(200);
    }

    @Test
    void aSessionMadeOnOneInstanceWorksOnTheOtherAndARevocationOnEitherIsSeenAtOnce() throws Exception {
        String email = "cluster-" + UUID.randomUUID() + "@example.com";
        assertThat(browserOf(a).signUp(email, PASSWORD).status()).isEqualTo(200);

        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> trials = new ArrayList<>();
        for (int i = 0; i < TRIALS; i++) {
            int trial = i;
            trials.add(pool.submit(() -> {
                try {
                    // Alternate which instance signs in, so both directions are tried.
                    JarProcess first = trial % 2 == 0 ? a : b;
                    JarProcess second = trial % 2 == 0 ? b : a;
                    TestClient onFirst = browserOf(first);
                    TestClient.Response signIn = onFirst.signIn(email, PASSWORD);
                    if (signIn.status() != 200) { failures.add(trial + ": sign-in " + signIn.status() + " " + signIn.body()); return; }
                    TestClient onSecond = sameBrowserOn(second, onFirst);
                    JsonNode seen = onSecond.get("/get-session").json();
                    if (!email.equals(seen.path("user").path("email").asText())) { failures.add(trial + ": other instance saw " + seen); return; }
                    TestClient.Response out = onSecond.post("/sign-out", "{}");
                    if (out.status() != 200) { failures.add(trial + ": sign-out " + out.status() + " " + out.body()); return; }
                    TestClient stale = browserOf(first);
                    stale.cookies.putAll(onFirst.cookies); // the cookie as it was before the sign-out
                    TestClient.Response after = stale.get("/get-session");
                    if (after.status() != 200 || !after.body().equals("null")) failures.add(trial + ": revoked session on first instance: " + after.status() + " " + after.body());
                    TestClient.Response list = stale.get("/list-sessions");
                    if (list.status() != 401) failures.add(trial + ": list-sessions with a revoked session: " + list.status());
                } catch (RuntimeException e) {
                    failures.add(trial + ": " + e);
                } finally {
                    done.incrementAndGet();
                }
            }));
        }
        for (Future<?> t : trials) t.get(10, TimeUnit.MINUTES);
        pool.shutdown();
        assertThat(done.get()).isEqualTo(TRIALS);
        assertThat(failures).as("failed trials (logs: A %s%nB %s)", a.logTail(), b.logTail()).isEmpty();
    }

    @Test
    void rateLimitsAndLockoutCountRequestsOnBothInstancesTogether() {
        // request-password-reset: 3 per minute per client, whichever instance answers.
        String body = "{\"email\":\"nobody@example.com\",\"redirectTo\":\"" + ORIGIN + "/reset\"}";
        assertThat(browserOf(a).post("/request-password-reset", body).status()).isEqualTo(200);
        assertThat(browserOf(b).post("/request-password-reset", body).status()).isEqualTo(200);
        assertThat(browserOf(a).post("/request-password-reset", body).status()).isEqualTo(200);
        TestClient.Response refused = browserOf(b).post("/request-password-reset", body);
        assertThat(refused.status()).as("4th request, on the other instance: %s", refused.body()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotBlank();

        String email = "locked-" + UUID.randomUUID() + "@example.com";
        assertThat(browserOf(a).signUp(email, PASSWORD).status()).isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            TestClient.Response wrong = browserOf(i % 2 == 0 ? a : b).signIn(email, "wrong password " + i);
            assertThat(wrong.status()).as("wrong password #%d", i + 1).isEqualTo(401);
        }
        for (JarProcess instance : List.of(a, b)) {
            TestClient.Response locked = browserOf(instance).signIn(email, PASSWORD);
            assertThat(locked.status()).as("right password after 5 failures spread over both").isEqualTo(429);
            assertThat(locked.json().path("code").asText()).isEqualTo("ACCOUNT_LOCKED");
        }
    }

    @Test
    void aKilledInstanceLosesNothingTheOtherServesEverySession() throws Exception {
        String email = "kill-" + UUID.randomUUID() + "@example.com";
        assertThat(browserOf(a).signUp(email, PASSWORD).status()).isEqualTo(200);
        List<TestClient> browsers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            TestClient browser = browserOf(a);
            assertThat(browser.signIn(email, PASSWORD).status()).isEqualTo(200);
            browsers.add(browser);
        }

        a.kill();
        assertThat(a.isAlive()).isFalse();

        for (TestClient browser : browsers) {
            TestClient onB = sameBrowserOn(b, browser);
            TestClient.Response session = onB.get("/get-session");
            assertThat(session.status()).isEqualTo(200);
            assertThat(session.json().path("user").path("email").asText()).as("a session made on the killed instance").isEqualTo(email);
        }
    }

    @Test
    void whileTheDatabaseIsDownBothInstancesAnswerOnly503AndServeAgainWithin5SecondsOfItsReturn() throws Exception {
        String email = "outage-" + UUID.randomUUID() + "@example.com";
        TestClient signedUp = browserOf(a);
        assertThat(signedUp.signUp(email, PASSWORD).status()).isEqualTo(200);
        Map<String, String> cookies = Map.copyOf(signedUp.cookies);

        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        ExecutorService load = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            JarProcess instance = t % 2 == 0 ? a : b;
            load.submit(() -> {
                while (running.get()) {
                    TestClient browser = browserOf(instance);
                    browser.cookies.putAll(cookies);
                    long sent = System.nanoTime();
                    try {
                        TestClient.Response r = browser.get("/list-sessions");
                        outcomes.add(new Outcome(instance == a ? "A" : "B", sent, System.nanoTime(), r.status(), r.body()));
                    } catch (RuntimeException e) {
                        outcomes.add(new Outcome(instance == a ? "A" : "B", sent, System.nanoTime(), -1, e.toString()));
                    }
                }
            });
        }
        Thread.sleep(1_000);
        long down = System.nanoTime();
        proxy.down();
        Thread.sleep(4_000);
        long up = System.nanoTime();
        proxy.up();
        Thread.sleep(6_000);
        running.set(false);
        load.shutdown();
        assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        List<Outcome> all = new ArrayList<>(outcomes);
        assertThat(all).as(() -> "no answer but 200 (with the caller's sessions) or 503, ever; warnings and errors logged by A:\n"
                + a.logProblems() + "\nby B:\n" + b.logProblems()).allSatisfy(o -> {
            assertThat(o.status()).as("%s", o).isIn(200, 503);
            if (o.status() == 200) assertThat(o.body()).as("%s", o).startsWith("[").contains("\"userId\"");
        });
        // Sent after the cut and answered before the return: the database could not be asked, so 503. Each
        // takes up to the pool's 1 s connection timeout, so 4 threads make a handful per second.
        List<Outcome> duringOutage = all.stream().filter(o -> o.sent() > down && o.answered() < up).toList();
        assertThat(duringOutage).as("requests during the outage").hasSizeGreaterThanOrEqualTo(4).allSatisfy(o -> assertThat(o.status()).isEqualTo(503));
        for (String instance : List.of("A", "B")) {
            long firstOkAfterReturn = all.stream().filter(o -> o.instance().equals(instance) && o.sent() > up && o.status() == 200)
                    .mapToLong(Outcome::answered).min().orElse(Long.MAX_VALUE);
            assertThat((firstOkAfterReturn - up) / 1_000_000).as("ms until instance %s served again", instance).isLessThan(5_000);
            long failuresAfter = all.stream().filter(o -> o.instance().equals(instance) && o.sent() > firstOkAfterReturn && o.status() != 200).count();
            assertThat(failuresAfter).as("instance %s: failures once it served again", instance).isZero();
        }
        assertThat(a.isAlive() && b.isAlive()).as("no restart").isTrue();
    }

    private record Outcome(String instance, long sent, long answered, int status, String body) {}
}
