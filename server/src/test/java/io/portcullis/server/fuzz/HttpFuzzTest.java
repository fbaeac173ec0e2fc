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
import io.portcullis.testing.TestDatabase;
import io.portcullis.user.User;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.slf4j.LoggerFactory;

/**
 * Generated requests against every route of a running server: odd JSON (and not JSON) on every
 * mutation, odd query strings and path values on every GET, odd cookies and headers everywhere, from
 * an anonymous caller and from a signed-in administrator. Every answer must be below 500, an error must
 * be the usual {@code {"code","message"}} JSON without a stack trace, and nothing may be logged as an
 * unexpected failure. Tries per property: {@code jqwik.tries.default} (1,000 in the build; the long
 * run in docs/operations.md passes {@code -Djqwik.tries.default=34000}).
 */
class HttpFuzzTest {
    private static final String PASSWORD = "correct horse battery";
    private static TestServer server;
    private static String adminEmail;
    private static TestClient admin;
    private static List<Route> routes;
    private static DocumentedFields fields;
    private static final ListAppender<ILoggingEvent> errors = new ListAppender<>();
    private static final java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();

    @BeforeContainer
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

    @AfterContainer
    static void stop() {
        System.out.println("HttpFuzzTest: " + requests.get() + " generated requests checked");
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(errors);
        if (server != null) server.close();
    }

    @Property
    void anyBodyOnAnyMutationIsAnsweredBelow500(@ForAll("mutations") Tuple2<Route, String> routeAndBody,
            @ForAll("contentTypes") String contentType, @ForAll boolean asAdmin) {
        Route route = routeAndBody.get1();
        String body = routeAndBody.get2();
        TestClient client = caller(asAdmin);
        HttpRequest.Builder request = client.request(path(route, "x")).POST(HttpRequest.BodyPublishers.ofString(body));
        if (!contentType.isEmpty()) request.setHeader("Content-Type", contentType);
        request.setHeader("Origin", server.portcullis.config().baseOrigin());
        String xsrf = client.cookies.get("XSRF-TOKEN");
        if (xsrf != null) request.setHeader("X-XSRF-TOKEN", xsrf);
        check(route, client.send(request));
    }

    @Property
    void anyQueryAndPathValueOnAnyGetIsAnsweredBelow500(@ForAll("gets") Tuple2<Route, String> routeAndQuery,
            @ForAll("texts") String pathValue, @ForAll boolean asAdmin) {
        Route route = routeAndQuery.get1();
        String query = routeAndQuery.get2();
        TestClient client = caller(asAdmin);
        String encoded = URLEncoder.encode(pathValue.isEmpty() ? "x" : pathValue, StandardCharsets.UTF_8);
        check(route, client.send(client.request(path(route, encoded) + query).GET()));
    }

    @Property
    void anyCookieAndHeaderValuesAreAnsweredBelow500(@ForAll("anyRoute") Route route, @ForAll("headers") Map<String, String> headers) {
        TestClient client = server.client();
        HttpRequest.Builder request = client.request(path(route, "x"));
        request = route.method().equals("GET") ? request.GET() : request.POST(HttpRequest.BodyPublishers.ofString("{}"));
        request.setHeader("Content-Type", "application/json");
        headers.forEach(request::setHeader);
        check(route, client.send(request));
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

    private static String path(Route route, String pathValue) {
        String relative = route.path().substring(server.portcullis.config().basePath().length());
        return relative.replaceAll("\\{[^}]+}", pathValue.replace("$", "%24"));
    }

    private static void check(Route route, TestClient.Response r) {
        requests.incrementAndGet();
        String what = route.method() + " " + route.path();
        assertThat(r.status()).as("%s answered %s: %s", what, r.status(), r.body()).isLessThan(500);
        assertThat(r.body()).as("%s", what).doesNotContain("Exception", "\tat ", "org.eclipse", "io.portcullis");
        if (r.status() >= 400) {
            JsonNode error = r.json();
            assertThat(error.path("code").isTextual() && error.path("message").isTextual()).as("%s error body: %s", what, r.body()).isTrue();
        }
        List<ILoggingEvent> logged = errors.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR)).toList();
        assertThat(logged).as("errors logged after %s", what).isEmpty();
    }

    @Provide
    Arbitrary<Tuple2<Route, String>> mutations() {
        return Arbitraries.of(routes.stream().filter(r -> r.method().equals("POST")).toList())
                .flatMap(route -> JsonValues.bodiesFor(fields.of("POST", relative(route))).map(body -> Tuple.of(route, body)));
    }

    @Provide
    Arbitrary<Tuple2<Route, String>> gets() {
        return Arbitraries.of(routes.stream().filter(r -> r.method().equals("GET")).toList())
                .flatMap(route -> queries(fields.of("GET", relative(route))).map(query -> Tuple.of(route, query)));
    }

    private static String relative(Route route) {
        return route.path().substring(server.portcullis.config().basePath().length());
    }

    @Provide
    Arbitrary<Route> anyRoute() {
        return Arbitraries.of(routes.stream().filter(r -> r.method().equals("GET") || r.method().equals("POST")).toList());
    }

    @Provide
    Arbitrary<String> contentTypes() {
        Arbitrary<String> odd = Arbitraries.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "application/json; charset=latin1", "", "*/*", "application/jsonx");
        return Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.of("application/json", "application/json; charset=utf-8")), Tuple.of(1, odd));
    }

    /** Query strings: the operation's own parameters with odd values, or noise. */
    private static Arbitrary<String> queries(List<DocumentedFields.Field> documented) {
        Arbitrary<String> name = documented.isEmpty() ? Arbitraries.of(JsonValues.FIELD_NAMES)
                : Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(documented).map(DocumentedFields.Field::name)),
                        Tuple.of(1, Arbitraries.oneOf(Arbitraries.of(JsonValues.FIELD_NAMES), Arbitraries.strings().alpha().ofMaxLength(8))));
        Arbitrary<String> pair = net.jqwik.api.Combinators.combine(name, JsonValues.texts())
                .as((n, v) -> URLEncoder.encode(n, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
        return Arbitraries.oneOf(pair.list().ofMaxSize(4).map(l -> l.isEmpty() ? "" : "?" + String.join("&", l)),
                Arbitraries.of("?", "?&&", "?limit=-1", "?limit=99999999999", "?offset=1e9", "?token=%00", "?limit=1&limit=2"));
    }

    @Provide
    Arbitrary<String> texts() {
        return JsonValues.texts();
    }

    @Provide
    Arbitrary<Map<String, String>> headers() {
        Arbitrary<String> name = Arbitraries.of("Cookie", "Origin", "Referer", "Sec-Fetch-Site", "X-Forwarded-For", "X-Real-IP",
                "User-Agent", "X-XSRF-TOKEN", "X-CSRF-Token", "Accept", "Content-Type", "Forwarded");
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(80),
                Arbitraries.of("portcullis.session_token=", "portcullis.session_token=" + "A".repeat(43), "portcullis.session_token=%00;",
                        "two_factor=abc; portcullis.session_token=x.y", "null", "http://evil.example", "https://", "::1", "999.1.1.1",
                        "1.2.3.4, , ,", "cross-site", "same-origin", "\t", "a".repeat(4000)));
        return Arbitraries.maps(name, value).ofMaxSize(4);
    }
}
