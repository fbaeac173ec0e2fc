package io.portcullis.examples.servletapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.Portcullis;
import io.portcullis.auth.SignedIn;
import io.portcullis.config.ConfigSources;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.servlet.PortcullisFilter;
import io.portcullis.session.ClientInfo;
import io.portcullis.session.CsrfToken;
import io.portcullis.testing.TcpProxy;
import io.portcullis.testing.TestDatabase;
import io.portcullis.user.Roles;
import io.portcullis.user.User;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fail closed: when the application's engine cannot reach PostgreSQL, the filter answers 503
 * {@code SERVICE_UNAVAILABLE} quickly and lets nothing through (no redirect to sign in either, and
 * the browser keeps its cookie); when the database is back, the same session works again.
 * The application's database traffic goes through a {@link TcpProxy} that the test cuts.
 */
class ServletAppOutageTest {
    private static final String POSTGRES = "127.0.0.1:5432";
    private static final String APP_ORIGIN = "http://localhost:8081";
    private static final long MAX_ANSWER_MS = 2_000;
    private static final long MAX_RECOVERY_MS = 10_000;

    private TestDatabase db;
    private TcpProxy proxy;
    private Portcullis server;
    private Portcullis engine;
    private ServletApp app;

    @BeforeEach
    void start() throws Exception {
        db = TestDatabase.create(TestDatabase.Kind.POSTGRESQL);
        proxy = TcpProxy.to(5432);
        assertThat(db.url()).contains(POSTGRES);
        server = Portcullis.builder(PortcullisConfig.load(ConfigSources.of(db.settings()))).backgroundJobs(false).start();
        Map<String, String> viaProxy = new HashMap<>(db.settings());
        viaProxy.put("database.url", db.url().replace(POSTGRES, "127.0.0.1:" + proxy.port()));
        engine = Portcullis.builder(PortcullisConfig.load(ConfigSources.of(viaProxy))).backgroundJobs(false).start();
        app = ServletApp.start("127.0.0.1", 0, new FilterHolder(PortcullisFilter.builder(engine)
                .trustedOrigins(APP_ORIGIN).signInUrl("/sign-in").build()));
    }

    @AfterEach
    void stop() throws Exception {
        Cleanup.closeInOrder(app, engine, proxy, server, db);
    }

    @Test
    void failsClosedWhileTheDatabaseIsDownAndRecoversWithoutARestart() {
        User user = server.emailPassword().createUser("outage@example.com", "Test User", "correct horse battery staple", null, Roles.DEFAULT);
        SignedIn signedIn = (SignedIn) server.emailPassword().signIn(user.email(), "correct horse battery staple", false, ClientInfo.UNKNOWN, null);
        String token = signedIn.session().token();
        Browser browser = new Browser(app.port(), Map.of("portcullis.session_token", token, "XSRF-TOKEN", CsrfToken.of(token)));
        assertThat(browser.get("/api/me").status()).isEqualTo(200);
        Map<String, String> cookies = Map.copyOf(browser.cookies);

        proxy.down();

        for (int i = 0; i < 3; i++) assertUnavailable("GET /api/me #" + (i + 1), () -> browser.get("/api/me"));
        assertUnavailable("a page load, not sent to sign in", () -> browser.get("/hello", "Accept", "text/html"));
        assertUnavailable("a mutation", () -> browser.post("/api/notes", "during the outage", "Origin", APP_ORIGIN, "X-XSRF-TOKEN", CsrfToken.of(token)));
        assertThat(browser.cookies).as("an outage is not a sign-out").isEqualTo(cookies);
        Browser.Response anonymous = new Browser(app.port()).get("/api/me");
        assertThat(anonymous.error()).as("no cookie, nothing to look up").isEqualTo("401 UNAUTHORIZED");

        proxy.up();

        long recovering = System.nanoTime();
        Browser.Response back = browser.get("/api/me");
        while (back.status() != 200 && elapsedMs(recovering) < MAX_RECOVERY_MS) {
            assertThat(back.status()).as("while recovering: %s", back.body()).isEqualTo(503);
            sleep(100);
            back = browser.get("/api/me");
        }
        assertThat(back.status()).as("%d ms after the database came back: %s", elapsedMs(recovering), back.body()).isEqualTo(200);
        assertThat(back.json().path("email").asText()).isEqualTo(user.email());
        assertThat(browser.get("/api/notes").body()).as("the mutation never reached the application").isEqualTo("[]");
    }

    private static void assertUnavailable(String what, Supplier<Browser.Response> call) {
        long started = System.nanoTime();
        Browser.Response r = call.get();
        assertThat(elapsedMs(started)).as("%s answered in ms", what).isLessThan(MAX_ANSWER_MS);
        assertThat(r.error()).as("%s: %s", what, r.body()).isEqualTo("503 SERVICE_UNAVAILABLE");
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.header("Retry-After")).isEqualTo("1");
        assertThat(r.json().path("message").asText()).isNotBlank();
        assertThat(r.body()).doesNotContain("Exception", "SQL", "at io.", "org.eclipse", "postgres", "5432");
        assertThat(r.setCookies()).as("%s must neither issue nor clear a cookie", what).isEmpty();
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
