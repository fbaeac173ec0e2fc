package io.portcullis.server.cors;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.server.testing.ServerContract;
import io.portcullis.server.testing.TestClient;
import io.portcullis.server.testing.TestServer;
import io.portcullis.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A front end on another origin calls the API with the user's cookies: exact origin echo, credentials, preflight. */
class CorsTest {
    private static final String APP = "https://app.example.com";
    private static final String EVIL = "https://evil.example.net";

    private static TestClient.Response preflight(TestServer server, String origin, String path) {
        return server.client().send(HttpRequest.newBuilder(URI.create(server.baseUri() + path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-xsrf-token"));
    }

    private static TestClient.Response signIn(TestServer server, String origin, String email) {
        return server.client().send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/sign-in/email"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"" + ServerContract.PASSWORD + "\"}"))
                .header("Content-Type", "application/json")
                .header("Origin", origin));
    }

    @Test
    void anAllowedOriginIsEchoedWithCredentialsAndPassesTheOriginCheckAnotherGetsNothing() {
        try (TestServer server = TestServer.start(TestDatabase.Kind.H2, Map.of("cors.allowedOrigins", APP + ", http://localhost:5173"))) {
            String email = ServerContract.newEmail();
            TestClient.Response up = server.client().signUp(email, ServerContract.PASSWORD);
            assertThat(up.status()).as(up.body()).isEqualTo(200);

            TestClient.Response allowed = preflight(server, APP, "/sign-in/email");
            assertThat(allowed.status()).as(allowed.body() + allowed.setCookies()).isBetween(200, 204);
            assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(APP);
            assertThat(allowed.header("Access-Control-Allow-Credentials")).isEqualTo("true");
            assertThat(allowed.header("Access-Control-Allow-Methods")).containsIgnoringCase("POST");
            assertThat(allowed.header("Access-Control-Allow-Headers")).containsIgnoringCase("x-xsrf-token");
            assertThat(allowed.header("Access-Control-Max-Age")).isEqualTo("600");

            TestClient.Response signedIn = signIn(server, APP, email);
            assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
            assertThat(signedIn.header("Access-Control-Allow-Origin")).isEqualTo(APP);
            assertThat(signedIn.header("Access-Control-Allow-Credentials")).isEqualTo("true");
            assertThat(signedIn.header("Access-Control-Expose-Headers")).contains("Retry-After");
            assertThat(preflight(server, "http://localhost:5173", "/get-session").header("Access-Control-Allow-Origin"))
                    .isEqualTo("http://localhost:5173");

            TestClient.Response foreignPreflight = preflight(server, EVIL, "/sign-in/email");
            assertThat(foreignPreflight.header("Access-Control-Allow-Origin")).isNull();
            assertThat(foreignPreflight.header("Access-Control-Allow-Credentials")).isNull();
            TestClient.Response foreign = signIn(server, EVIL, email);
            assertThat(foreign.status()).isEqualTo(403);
            assertThat(foreign.json().get("code").asText()).isEqualTo("INVALID_ORIGIN");
            assertThat(foreign.header("Access-Control-Allow-Origin")).isNull();
        }
    }

    @Test
    void withoutAllowedOriginsNoResponseCarriesCorsHeaders() {
        try (TestServer server = TestServer.start(TestDatabase.Kind.H2)) {
            TestClient.Response r = preflight(server, APP, "/sign-in/email");
            assertThat(r.header("Access-Control-Allow-Origin")).isNull();
            assertThat(signIn(server, APP, ServerContract.newEmail()).json().get("code").asText()).isEqualTo("INVALID_ORIGIN");
        }
    }
}
