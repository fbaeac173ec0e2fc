package io.portcullis.examples.servletapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.Portcullis;
import io.portcullis.audit.Actor;
import io.portcullis.auth.SignedIn;
import io.portcullis.config.ConfigSources;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.servlet.PortcullisFilter;
import io.portcullis.session.ClientInfo;
import io.portcullis.session.CsrfToken;
import io.portcullis.session.RevocationReason;
import io.portcullis.session.SessionToken;
import io.portcullis.testing.MutableClock;
import io.portcullis.testing.TestDatabase;
import io.portcullis.user.Roles;
import io.portcullis.user.User;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The example application in a real Jetty, behind the Portcullis filter, on a real database that it
 * shares with a second Portcullis engine playing the Portcullis server: that one signs users in and
 * ends sessions, exactly as the server would on the shared database; the application only sees the
 * cookie a browser would bring.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServletAppContract {
    static final String PASSWORD = "correct horse battery staple";
    static final String COOKIE = "portcullis.session_token";
    /** The application's own origin, trusted through the filter's builder. */
    static final String APP_ORIGIN = "http://localhost:8081";
    /** The default baseUrl's origin: the Portcullis server's, trusted through the configuration. */
    static final String SERVER_ORIGIN = "http://localhost:8080";
    static final String SIGN_IN = "http://localhost:8080/sign-in";

    static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private TestDatabase db;
    private Portcullis server;
    private Portcullis engine;
    private ServletApp app;
    private ServletApp pages;

    protected abstract TestDatabase.Kind kind();

    @BeforeAll
    void start() throws Exception {
        db = TestDatabase.create(kind());
        Map<String, String> settings = new HashMap<>(db.settings());
        settings.put("session.rememberMe.enabled", "true");
        PortcullisConfig config = PortcullisConfig.load(ConfigSources.of(settings));
        server = Portcullis.builder(config).clock(clock).backgroundJobs(false).start();
        engine = Portcullis.builder(config).clock(clock).backgroundJobs(false).start();
        app = ServletApp.start("127.0.0.1", 0, new FilterHolder(PortcullisFilter.builder(engine)
                .publicPaths("/health").trustedOrigins(APP_ORIGIN).build()));
        pages = ServletApp.start("127.0.0.1", 0, new FilterHolder(PortcullisFilter.builder(engine)
                .publicPaths("/health").trustedOrigins(APP_ORIGIN).signInUrl(SIGN_IN).build()));
    }

    @AfterAll
    void stop() throws Exception {
        Cleanup.closeInOrder(pages, app, engine, server, db);
    }

    @BeforeEach
    void resetClock() {
        clock.set(START);
    }

    private User newUser(String role) {
        return server.emailPassword().createUser("user-" + UUID.randomUUID() + "@example.com", "Test User", PASSWORD, null, role);
    }

    /** Signs in on the server's side; the browser gets the two cookies the server would set. */
    private static SignedIn signIn(Portcullis server, User user, boolean rememberMe) {
        return (SignedIn) server.emailPassword().signIn(user.email(), PASSWORD, rememberMe, ClientInfo.UNKNOWN, null);
    }

    private Browser browser(ServletApp on, SignedIn signedIn) {
        String token = signedIn.session().token();
        return new Browser(on.port(), Map.of(COOKIE, token, CsrfToken.COOKIE, CsrfToken.of(token)));
    }

    private Browser signedIn(ServletApp on, User user) {
        return browser(on, signIn(server, user, false));
    }

    private static void assertUnauthorizedJson(Browser.Response r) {
        assertThat(r.error()).as(r.body()).isEqualTo("401 UNAUTHORIZED");
        assertThat(r.json().path("message").asText()).isEqualTo("Unauthorized");
        assertThat(r.header("Content-Type")).startsWith("application/json");
    }

    private static void assertCookiesExpired(Browser.Response r) {
        assertThat(r.setCookies()).anySatisfy(c -> assertThat(c).startsWith(COOKIE + "=;").contains("Max-Age=0", "HttpOnly", "SameSite=Lax"));
        assertThat(r.setCookies()).anySatisfy(c -> assertThat(c).startsWith("XSRF-TOKEN=;").contains("Max-Age=0"));
    }

    private String notesOf(Browser browser) {
        Browser.Response r = browser.get("/api/notes");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    @Test
    void anAnonymousRequestIsRefusedWith401Json() {
        Browser anonymous = new Browser(app.port());
        for (String path : new String[] {"/api/me", "/hello", "/api/notes", "/no-such-page"}) {
            Browser.Response r = anonymous.get(path);
            assertUnauthorizedJson(r);
            assertThat(r.setCookies()).as("nothing to expire").isEmpty();
        }
        assertUnauthorizedJson(anonymous.post("/api/notes", "hi", "Origin", APP_ORIGIN));
    }

    @Test
    void aSignedInRequestReachesTheAppWithTheUsersIdentity() {
        User user = newUser(Roles.DEFAULT);
        SignedIn signedIn = signIn(server, user, false);
        Browser browser = browser(app, signedIn);

        Browser.Response hello = browser.get("/hello");
        assertThat(hello.status()).as(hello.body()).isEqualTo(200);
        assertThat(hello.body()).contains("Hello " + user.email());

        Browser.Response me = browser.get("/api/me");
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        JsonNode json = me.json();
        assertThat(json.path("email").asText()).as("getUserPrincipal()").isEqualTo(user.email());
        assertThat(json.path("sessionEmail").asText()).as("the request attribute").isEqualTo(user.email());
        assertThat(json.path("userId").asText()).isEqualTo(user.id());
        assertThat(json.path("remoteUser").asText()).isEqualTo(user.id());
        assertThat(json.path("sessionId").asText()).isEqualTo(signedIn.session().session().id());
        assertThat(json.path("roles").toString()).isEqualTo("[\"user\"]");
        assertThat(json.path("admin").asBoolean()).isFalse();
        assertThat(json.path("authType").asText()).isEqualTo("PORTCULLIS");
        assertThat(me.setCookies()).as("a fresh session needs no new cookie").isEmpty();
        assertThat(me.body()).doesNotContain(signedIn.session().token());
    }

    @Test
    void theUsersRolesAnswerIsUserInRole() {
        User admin = newUser("admin,support");
        JsonNode json = signedIn(app, admin).get("/api/me").json();
        assertThat(json.path("admin").asBoolean()).isTrue();
        assertThat(json.path("roles").toString()).isEqualTo("[\"admin\",\"support\"]");
    }

    @Test
    void aRevokedSessionIsRefusedOnTheNextRequestAndItsCookiesExpired() {
        User user = newUser(Roles.DEFAULT);
        Browser browser = signedIn(app, user);
        assertThat(browser.get("/api/me").status()).isEqualTo(200);

        assertThat(server.sessions().revokeAll(user.id(), Actor.COMMAND_LINE, RevocationReason.ADMIN)).isEqualTo(1);

        Browser.Response next = browser.get("/api/me");
        assertUnauthorizedJson(next);
        assertCookiesExpired(next);
        assertThat(browser.cookies).as("the browser forgot both cookies").isEmpty();
    }

    @Test
    void aSessionSignedOutOnTheServerIsRefusedToo() {
        User user = newUser(Roles.DEFAULT);
        SignedIn signedIn = signIn(server, user, false);
        Browser browser = browser(app, signedIn);
        Browser other = signedIn(app, user);
        assertThat(browser.get("/hello").status()).isEqualTo(200);

        server.emailPassword().signOut(signedIn.session().token(), ClientInfo.UNKNOWN);

        assertUnauthorizedJson(browser.get("/hello"));
        assertThat(other.get("/hello").status()).as("the user's other session lives on").isEqualTo(200);
    }

    @Test
    void aCookieThatNamesNoSessionIsExpired() {
        for (String value : new String[] {SessionToken.generate(), "not-a-token"}) {
            Browser stale = new Browser(app.port(), Map.of(COOKIE, value, CsrfToken.COOKIE, "x"));
            Browser.Response r = stale.get("/api/me");
            assertUnauthorizedJson(r);
            assertCookiesExpired(r);
        }
    }

    @Test
    void aMutationNeedsTheSessionsCsrfToken() {
        User user = newUser(Roles.DEFAULT);
        SignedIn signedIn = signIn(server, user, false);
        Browser browser = browser(app, signedIn);
        String token = CsrfToken.of(signedIn.session().token());
        String anotherSessionsToken = CsrfToken.of(signIn(server, user, false).session().token());

        assertThat(browser.post("/api/notes", "no token", "Origin", APP_ORIGIN).error()).isEqualTo("403 INVALID_CSRF_TOKEN");
        assertThat(browser.post("/api/notes", "wrong token", "Origin", APP_ORIGIN, "X-XSRF-TOKEN", anotherSessionsToken).error())
                .isEqualTo("403 INVALID_CSRF_TOKEN");
        assertThat(browser.post("/api/notes", "empty token", "Origin", APP_ORIGIN, "X-XSRF-TOKEN", "").error())
                .isEqualTo("403 INVALID_CSRF_TOKEN");
        assertThat(notesOf(browser)).as("nothing reached the application").isEqualTo("[]");

        Browser.Response saved = browser.post("/api/notes", "first", "Origin", APP_ORIGIN, "X-XSRF-TOKEN", token);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().path("saved").asText()).isEqualTo("first");
        assertThat(browser.post("/api/notes", "second", "Origin", APP_ORIGIN, "X-CSRF-Token", token).status()).isEqualTo(200);
        assertThat(browser.post("/api/notes", "third", "Referer", SERVER_ORIGIN + "/account", "X-XSRF-TOKEN", token).status())
                .as("the server's own origin is trusted, named by Referer").isEqualTo(200);
        assertThat(notesOf(browser)).isEqualTo("[\"first\",\"second\",\"third\"]");
    }

    @Test
    void aMutationFromAnotherSiteIsRefused() {
        User user = newUser(Roles.DEFAULT);
        SignedIn signedIn = signIn(server, user, false);
        Browser browser = browser(app, signedIn);
        String token = CsrfToken.of(signedIn.session().token());

        for (String foreign : new String[] {"https://evil.example", "http://localhost:8082", "https://localhost:8081"}) {
            assertThat(browser.post("/api/notes", "x", "Origin", foreign, "X-XSRF-TOKEN", token).error()).as(foreign).isEqualTo("403 INVALID_ORIGIN");
        }
        assertThat(browser.post("/api/notes", "x", "Referer", "https://evil.example/page", "X-XSRF-TOKEN", token).error()).isEqualTo("403 INVALID_ORIGIN");
        assertThat(browser.post("/api/notes", "x", "Origin", APP_ORIGIN, "Sec-Fetch-Site", "cross-site", "X-XSRF-TOKEN", token).error())
                .isEqualTo("403 INVALID_ORIGIN");
        assertThat(browser.post("/api/notes", "x", "X-XSRF-TOKEN", token).error()).as("cookie, no origin").isEqualTo("403 MISSING_OR_NULL_ORIGIN");
        assertThat(browser.post("/api/notes", "x", "Origin", "null", "X-XSRF-TOKEN", token).error()).isEqualTo("403 MISSING_OR_NULL_ORIGIN");
        assertThat(notesOf(browser)).isEqualTo("[]");
        assertThat(browser.cookies).as("a refusal is not a sign-out").containsKey(COOKIE);
    }

    @Test
    void withoutTheTokenRequirementTheOriginIsStillChecked() throws Exception {
        try (ServletApp lenient = ServletApp.start("127.0.0.1", 0, new FilterHolder(PortcullisFilter.builder(engine)
                .trustedOrigins(APP_ORIGIN).requireCsrfToken(false).build()))) {
            Browser browser = signedIn(lenient, newUser(Roles.DEFAULT));
            assertThat(browser.post("/api/notes", "x", "Origin", APP_ORIGIN).status()).isEqualTo(200);
            assertThat(browser.post("/api/notes", "x", "Origin", "https://evil.example").error()).isEqualTo("403 INVALID_ORIGIN");
        }
    }

    @Test
    void aBrowserLoadingAPageWithoutSessionIsSentToTheSignInPage() throws Exception {
        Browser anonymous = new Browser(pages.port());
        Browser.Response page = anonymous.get("/hello?lang=en&x=a%20b", "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location")).as("back to the page asked for, query and all")
                .isEqualTo(SIGN_IN + "?next=" + URLEncoder.encode("http://127.0.0.1:" + pages.port() + "/hello?lang=en&x=a%20b", StandardCharsets.UTF_8));

        try (ServletApp withQuery = ServletApp.start("127.0.0.1", 0, new FilterHolder(PortcullisFilter.builder(engine)
                .trustedOrigins(APP_ORIGIN).signInUrl(SIGN_IN + "?app=notes").build()))) {
            assertThat(new Browser(withQuery.port()).get("/hello", "Accept", "text/html").header("Location"))
                    .isEqualTo(SIGN_IN + "?app=notes&next=" + URLEncoder.encode("http://127.0.0.1:" + withQuery.port() + "/hello", StandardCharsets.UTF_8));
            assertThat(new Browser(withQuery.port()).get("/hello;jsessionid=0123ABCD?x=1", "Accept", "text/html").header("Location"))
                    .as("the container's session id stays out of the link")
                    .isEqualTo(SIGN_IN + "?app=notes&next=" + URLEncoder.encode("http://127.0.0.1:" + withQuery.port() + "/hello?x=1", StandardCharsets.UTF_8));
        }

        assertUnauthorizedJson(anonymous.get("/api/me", "Accept", "application/json"));
        assertUnauthorizedJson(anonymous.get("/api/me"));
        assertUnauthorizedJson(anonymous.post("/api/notes", "x", "Origin", APP_ORIGIN, "Accept", "text/html"));

        Browser stale = new Browser(pages.port(), Map.of(COOKIE, SessionToken.generate()));
        Browser.Response expired = stale.get("/hello", "Accept", "text/html");
        assertThat(expired.status()).isEqualTo(302);
        assertCookiesExpired(expired);

        Browser.Response signedIn = signedIn(pages, newUser(Roles.DEFAULT)).get("/hello", "Accept", "text/html");
        assertThat(signedIn.status()).isEqualTo(200);
        assertThat(signedIn.body()).startsWith("<!doctype html>").contains("Hello user-");
    }

    @Test
    void aRefreshedRememberMeSessionGetsItsCookiesAgain() {
        User user = newUser(Roles.DEFAULT);
        SignedIn remembered = signIn(server, user, true);
        Browser browser = browser(app, remembered);
        Browser other = signedIn(app, user);
        assertThat(browser.get("/api/me").setCookies()).isEmpty();

        clock.advance(Duration.ofMinutes(6)); // past session.updateAge (5 minutes): this request moves the expiry

        Browser.Response r = browser.get("/api/me");
        assertThat(r.status()).isEqualTo(200);
        String token = remembered.session().token();
        long maxAge = Duration.ofDays(14).toSeconds();
        assertThat(r.setCookies()).anySatisfy(c -> assertThat(c).startsWith(COOKIE + "=" + token + ";").contains("Max-Age=" + maxAge, "HttpOnly"));
        assertThat(r.setCookies()).anySatisfy(c -> assertThat(c).startsWith("XSRF-TOKEN=" + CsrfToken.of(token) + ";").contains("Max-Age=" + maxAge));
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");

        Browser.Response browserSession = other.get("/api/me");
        assertThat(browserSession.status()).isEqualTo(200);
        assertThat(browserSession.setCookies()).as("a browser-session cookie has no Max-Age to renew").isEmpty();
    }

    @Test
    void publicPathsPassUntouched() {
        Browser.Response anonymous = new Browser(app.port()).get("/health");
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.json().path("signedIn").asBoolean()).isFalse();

        Browser stale = new Browser(app.port(), Map.of(COOKIE, SessionToken.generate()));
        Browser.Response r = stale.get("/health");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.setCookies()).as("the filter does not look at public paths").isEmpty();
    }
}
