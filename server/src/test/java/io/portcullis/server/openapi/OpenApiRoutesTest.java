package io.portcullis.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.ErrorCode;
import io.portcullis.audit.AuditType;
import io.portcullis.server.http.Access;
import io.portcullis.server.http.Route;
import io.portcullis.server.openapi.ServedDocument.Operation;
import io.portcullis.server.testing.TestServer;
import io.portcullis.testing.TestDatabase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The OpenAPI document against the routes Javalin actually registered: every route under basePath is
 * documented, every documented operation is a route, and each operation's security matches its
 * route's {@link Access}. The server runs with a non-default basePath, cookie prefix and CORS, so that
 * the document is seen to follow the configuration.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiRoutesTest {
    private static final String BASE = "/identity";
    private TestServer server;
    private JsonNode document;

    @BeforeAll
    void start() {
        server = TestServer.start(TestDatabase.Kind.H2, Map.of("basePath", BASE, "cookie.prefix", "acme",
                "cors.allowedOrigins", "https://app.example.com"));
        document = ServedDocument.fetch(server);
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
    }

    /** The API's routes, relative to basePath; the CORS preflight is left out (see below). */
    private List<Route> apiRoutes() {
        return server.http.routes().stream()
                .filter(r -> r.path().startsWith(BASE + "/"))
                .filter(r -> !isCorsPreflight(r))
                .map(r -> new Route(r.method(), r.path().substring(BASE.length()), r.access()))
                .toList();
    }

    /**
     * {@code OPTIONS {basePath}/*} answers the browser's CORS preflight for any path under basePath: a
     * property of the transport, not an operation a client calls, so it is not in the document.
     */
    private static boolean isCorsPreflight(Route route) {
        return route.method().equals("OPTIONS") && route.path().equals(BASE + "/*");
    }

    private static String key(String method, String path) {
        return method + " " + path;
    }

    @Test
    void everyRouteUnderBasePathIsDocumentedAndEveryDocumentedOperationIsARoute() {
        Set<String> routes = apiRoutes().stream().map(r -> key(r.method(), r.path())).collect(Collectors.toSet());
        Set<String> documented = ServedDocument.operations(document).stream().map(o -> key(o.method(), o.path())).collect(Collectors.toSet());

        Set<String> undocumented = new HashSet<>(routes);
        undocumented.removeAll(documented);
        Set<String> notRoutes = new HashSet<>(documented);
        notRoutes.removeAll(routes);
        assertThat(undocumented).as("routes missing from openapi.json").isEmpty();
        assertThat(notRoutes).as("documented operations that are no route").isEmpty();
        // Not vacuous: the table holds the whole API, this document and the path parameter included.
        assertThat(routes).contains("GET /openapi.json", "GET /ok", "GET /verify", "GET /csrf", "POST /two-factor/verify-totp",
                "GET /admin/audit-events", "GET /reset-password/{token}").hasSizeGreaterThan(35);
        // The only route left out is the preflight, and only because CORS is on here.
        assertThat(server.http.routes().stream().filter(r -> r.path().startsWith(BASE + "/")).filter(OpenApiRoutesTest::isCorsPreflight))
                .hasSize(1);
    }

    @Test
    void eachOperationsSecurityMatchesItsRoutesAccess() {
        Set<String> schemes = new HashSet<>();
        document.at("/components/securitySchemes").fieldNames().forEachRemaining(schemes::add);
        assertThat(schemes).containsExactlyInAnyOrder("sessionCookie", "csrfToken", "twoFactorCookie");
        for (Route route : apiRoutes()) {
            Operation operation = ServedDocument.operation(document, route.method(), route.path());
            JsonNode security = operation.node().get("security");
            assertThat(security).as(operation + " declares its security").isNotNull();
            List<Set<String>> alternatives = new ArrayList<>();
            security.forEach(alternative -> {
                Set<String> names = new HashSet<>();
                alternative.fieldNames().forEachRemaining(names::add);
                alternatives.add(names);
            });
            assertThat(alternatives).as(operation + " security").isNotEmpty();
            alternatives.forEach(a -> assertThat(schemes).as(operation + " names defined schemes").containsAll(a));
            boolean mutation = route.method().equals("POST");
            switch (route.access()) {
                case SESSION -> {
                    assertThat(alternatives).as(operation + ": SESSION needs the session cookie in every alternative")
                            .allMatch(a -> a.contains("sessionCookie"));
                    if (mutation) assertThat(alternatives).as(operation + ": a mutation with a session needs the CSRF token")
                            .allMatch(a -> a.contains("csrfToken"));
                    assertThat(errorCodes(operation, "401")).as(operation + " documents 401 UNAUTHORIZED").contains("UNAUTHORIZED");
                }
                case OPTIONAL_SESSION -> {
                    assertThat(alternatives).as(operation + ": OPTIONAL_SESSION can be called without a session")
                            .anyMatch(a -> !a.contains("sessionCookie"));
                    assertThat(alternatives).as(operation + ": with a session, the CSRF token")
                            .allMatch(a -> !a.contains("sessionCookie") || !mutation || a.contains("csrfToken"));
                }
                case PUBLIC -> {
                    assertThat(alternatives).as(operation + ": PUBLIC needs no session").anyMatch(Set::isEmpty);
                    assertThat(alternatives).as(operation + ": PUBLIC never checks the CSRF token").noneMatch(a -> a.contains("csrfToken"));
                }
            }
            if (mutation) {
                assertThat(errorCodes(operation, "403")).as(operation + " documents the origin check")
                        .contains("INVALID_ORIGIN", "MISSING_OR_NULL_ORIGIN");
            }
        }
    }

    @Test
    void theErrorCodesAndEventTypesAreExactlyTheServers() {
        assertThat(strings(document.at("/components/schemas/ErrorCode/enum")))
                .containsExactlyElementsOf(Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
        assertThat(strings(document.at("/components/schemas/AuditType/enum")))
                .containsExactlyElementsOf(Arrays.stream(AuditType.values()).map(AuditType::wireName).toList());
        // Each error answer names only real codes.
        for (Operation operation : ServedDocument.operations(document)) {
            operation.node().get("responses").fields().forEachRemaining(r -> {
                if (r.getKey().startsWith("4") || r.getKey().startsWith("5")) {
                    assertThat(Arrays.stream(ErrorCode.values()).map(Enum::name).toList()).as(operation + " " + r.getKey())
                            .containsAll(errorCodes(operation, r.getKey()));
                }
            });
        }
    }

    @Test
    void theServerUrlIsTheConfiguredBasePathAndTheCookieNamesTheConfiguredOnes() {
        assertThat(document.at("/openapi").asText()).startsWith("3.1.");
        assertThat(document.at("/servers").size()).isEqualTo(1);
        assertThat(document.at("/servers/0/url").asText()).isEqualTo(BASE);
        assertThat(document.at("/components/securitySchemes/sessionCookie/name").asText()).isEqualTo("acme.session_token");
        assertThat(document.at("/components/securitySchemes/twoFactorCookie/name").asText()).isEqualTo("acme.two_factor");
        assertThat(document.at("/components/securitySchemes/csrfToken/name").asText()).isEqualTo("X-XSRF-TOKEN");
        // Paths are relative to the server url: none repeats basePath.
        document.get("paths").fieldNames().forEachRemaining(p -> assertThat(p).doesNotStartWith(BASE).doesNotStartWith("/api/auth"));
    }

    /** The codes an operation's answer with this status documents ({@code code} enum of its Error schema). */
    private List<String> errorCodes(Operation operation, String status) {
        JsonNode response = operation.node().at("/responses/" + status);
        if (response.isMissingNode()) return List.of();
        JsonNode schema = ServedDocument.resolve(document, response).at("/content/application~1json/schema");
        return strings(schema.at("/properties/code/enum"));
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
