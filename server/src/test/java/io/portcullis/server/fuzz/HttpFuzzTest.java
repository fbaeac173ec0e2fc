package io.portcullis.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.server.http.Route;
import io.portcullis.server.testing.TestClient;
import io.portcullis.server.testing.TestServer;
import io.portcullis.testing.Generated;
import io.portcullis.testing.TestDatabase;
import io.portcullis.user.User;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Generated requests against every route of a running server: odd JSON (and not JSON) on every
 * mutation, odd query strings and path values on every GET, odd cookies and headers everywhere, from
 * an anonymous caller and from a signed-in administrator. Every answer must be below 500, an error must
 * be the usual {@code {"code","message"}} JSON without a stack trace, and nothing may be logged at
 * level ERROR. Tries per test: {@code portcullis.fuzz.tries} (see {@link Generated} and docs/testing.md).
 */
class HttpFuzzTest {
    /** Never among the generated values: a generated delete-user or change-password must not take the admin away. */
    private static final String PASSWORD = "fuzz admin " + UUID.randomUUID();
    private static final String[] CONTENT_TYPES = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "application/json; charset=latin1", "", "*/*", "application/jsonx"};
    private static final String[] HEADER_NAMES = {"Cookie", "Origin", "Referer", "Sec-Fetch-Site", "X-Forwarded-For", "X-Real-IP",
        "User-Agent", "X-XSRF-TOKEN", "X-CSRF-Token", "Accept", "Content-Type", "Forwarded"};
    private static final String[] HEADER_VALUES = {"portcullis.session_token=", "portcullis.session_token=" + "A".repeat(43),
        "portcullis.session_token=%00;", "two_factor=abc; portcullis.session_token=x.y", "null", "http://evil.example", "https://", "::1",
        "999.1.1.1", "1.2.3.4, , ,", "cross-site", "same-origin", "\t", "a".repeat(4000)};
    private static final String[] QUERIES = {"?", "?&&", "?limit=-1", "?limit=99999999999", "?offset=1e9", "?token=%00", "?limit=1&limit=2"};

    private static TestServer server;
    private static String adminEmail;
    private static TestClient admin;
    private static List<Route> routes;
    private static DocumentedFields fields;
    private static final ListAppender<ILoggingEvent> errors = new ListAppender<>();
    private static final AtomicLong requests = new AtomicLong();

    @BeforeAll
    static void start() {
        // Generated wrong passwords on the admin's own session (change-password, two-factor/enable …) must not lock it.
        server = TestServer.start(TestDatabase.Kind.H2, Map.of("lockout.maxFailures", "10000"));
        adminEmail = "fuzz-admin-" + UUID.randomUUID() + "@example.com";
        User user = server.portcullis.emailPassword().createUser(adminEmail, "Fuzz Admin", PASSWORD, null, "admin");
        assertThat(user.id()).isNotBlank();
        admin = server.client();
        String base = server.portcullis.config().basePath();
        routes = server.http.routes().stream().filter(r -> r.path().startsWith(base + "/")).toList();
        assertThat(routes).as("routes under basePath").hasSizeGreaterThan(30);
        TestClient.Response document = server.client().get("/openapi.json");
        assertThat(document.status()).isEqualTo(200);
        fields = DocumentedFields.of(document.json());
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        errors.setContext(root.getLoggerContext());
        errors.start();
        root.addAppender(errors);
    }

    @AfterAll
    static void stop() {
        System.out.println("HttpFuzzTest: " + requests.get() + " generated requests checked");
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(errors);
        if (server != null) server.close();
    }

    @Test
    void anyBodyOnAnyMutationIsAnsweredBelow500() {
        List<Route> posts = routes.stream().filter(r -> r.method().equals("POST")).toList();
        Generated.tries(g -> {
            Route route = g.pick(posts);
            String body = JsonValues.body(g, fields.of("POST", relative(route)));
            TestClient client = caller(g.chance(50));
            HttpRequest.Builder request = client.request(path(route, "x")).POST(HttpRequest.BodyPublishers.ofString(body));
            String contentType = g.chance(90) ? g.pick("application/json", "application/json; charset=utf-8") : g.pick(CONTENT_TYPES);
            if (!contentType.isEmpty()) request.setHeader("Content-Type", contentType);
            request.setHeader("Origin", server.portcullis.config().baseOrigin());
            String xsrf = client.cookies.get("XSRF-TOKEN");
            if (xsrf != null) request.setHeader("X-XSRF-TOKEN", xsrf);
            check(route, body, client.send(request));
        });
    }

    @Test
    void anyQueryAndPathValueOnAnyGetIsAnsweredBelow500() {
        List<Route> gets = routes.stream().filter(r -> r.method().equals("GET")).toList();
        Generated.tries(g -> {
            Route route = g.pick(gets);
            String query = query(g, fields.of("GET", relative(route)));
            String pathValue = URLEncoder.encode(g.chance(50) ? "x" : JsonValues.text(g), StandardCharsets.UTF_8);
            TestClient client = caller(g.chance(50));
            check(route, query, client.send(client.request(path(route, pathValue) + query).GET()));
        });
    }

    @Test
    void anyCookieAndHeaderValuesAreAnsweredBelow500() {
        List<Route> all = routes.stream().filter(r -> r.method().equals("GET") || r.method().equals("POST")).toList();
        Generated.tries(g -> {
            Route route = g.pick(all);
            TestClient client = server.client();
            HttpRequest.Builder request = client.request(path(route, "x"));
            request = route.method().equals("GET") ? request.GET() : request.POST(HttpRequest.BodyPublishers.ofString("{}"));
            request.setHeader("Content-Type", "application/json");
            List<String> sent = new ArrayList<>();
            for (int i = g.between(0, 4); i > 0; i--) {
                String name = g.pick(HEADER_NAMES);
                String value = g.chance(60) ? g.printable(80) : g.pick(HEADER_VALUES);
                request.setHeader(name, value);
                sent.add(name + ": " + value);
            }
            check(route, String.join(" | ", sent), client.send(request));
        });
    }

    /** A fresh anonymous client, or the administrator's, signed in again whenever a generated request ended its session. */
    private static TestClient caller(boolean asAdmin) {
        if (!asAdmin) return server.client();
        if (!admin.cookies.containsKey(server.portcullis.config().cookie().sessionCookieName())) {
            admin = server.client();
            TestClient.Response signIn = admin.signIn(adminEmail, PASSWORD);
            assertThat(signIn.status()).as("admin sign-in: %s", signIn.body()).isEqualTo(200);
        }
        return admin;
    }

    /** Query strings: the operation's own parameters with odd values, or noise. */
    private static String query(Generated g, List<DocumentedFields.Field> documented) {
        if (g.chance(10)) return g.pick(QUERIES);
        List<String> pairs = new ArrayList<>();
        for (int i = g.between(0, 4); i > 0; i--) {
            String name = !documented.isEmpty() && g.chance(80) ? g.pick(documented).name() : g.pick(JsonValues.FIELD_NAMES);
            pairs.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(JsonValues.text(g), StandardCharsets.UTF_8));
        }
        return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
    }

    private static String relative(Route route) {
        return route.path().substring(server.portcullis.config().basePath().length());
    }

    private static String path(Route route, String pathValue) {
        return relative(route).replaceAll("\\{[^}]+}", pathValue.replace("$", "%24"));
    }

    private static void check(Route route, String input, TestClient.Response r) {
        requests.incrementAndGet();
        String what = route.method() + " " + route.path() + " with " + (input.length() > 300 ? input.substring(0, 300) + "…" : input);
        assertThat(r.status()).as("%s answered %s: %s", what, r.status(), r.body()).isLessThan(500);
        assertThat(r.body()).as("%s", what).doesNotContain("Exception", "\tat ", "org.eclipse", "io.portcullis");
        if (r.status() >= 400) {
            JsonNode error = r.json();
            assertThat(error.path("code").isTextual() && error.path("message").isTextual()).as("%s error body: %s", what, r.body()).isTrue();
        }
        List<ILoggingEvent> logged = errors.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR)).toList();
        assertThat(logged).as("errors logged after %s", what).isEmpty();
    }
}
