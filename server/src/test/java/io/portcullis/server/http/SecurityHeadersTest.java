package io.portcullis.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.server.testing.TestClient;
import io.portcullis.server.testing.TestServer;
import io.portcullis.testing.TestDatabase;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every answer of the server, success or error of any layer, forbids MIME sniffing, referrers and framing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityHeadersTest {
    private static final String PASSWORD = "correct horse battery staple";
    private TestServer server;

    @BeforeAll
    void start() {
        server = TestServer.start(TestDatabase.Kind.H2, Map.of("rateLimit.enabled", "true", "rateLimit.rules", "/get-session=10s/1"));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        TestClient client = server.client();
        String email = "headers-" + UUID.randomUUID() + "@example.com";
        Map<String, TestClient.Response> answers = new LinkedHashMap<>();
        answers.put("200 sign-up", client.signUp(email, PASSWORD));
        answers.put("200 ok", client.get("/ok"));
        answers.put("200 get-session", client.get("/get-session"));
        answers.put("429 get-session", client.get("/get-session"));
        answers.put("401 wrong password", server.client().signIn(email, "not the password at all"));
        answers.put("401 no session", server.client().get("/list-sessions"));
        client.csrfHeaders = false;
        answers.put("403 foreign origin", client.send(client.request("/revoke-sessions").POST(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json").header("Origin", "https://evil.example.net")));
        answers.put("404 unknown path", client.get("/no-such-endpoint"));
        answers.put("404 outside basePath", client.send(HttpRequest.newBuilder(java.net.URI.create(
                server.baseUri().replace("/api/auth", "/elsewhere"))).GET()));
        answers.put("431 (Jetty) headers too large", client.send(client.request("/ok").header("X-Padding", "p".repeat(64 * 1024)).GET()));

        answers.forEach((what, r) -> {
            assertThat(r.status()).as(what).isEqualTo(Integer.parseInt(what.substring(0, 3)));
            assertThat(r.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
            assertThat(r.header("Referrer-Policy")).as(what).isEqualTo("no-referrer");
            assertThat(r.header("X-Frame-Options")).as(what).isEqualTo("DENY");
        });
    }
}
