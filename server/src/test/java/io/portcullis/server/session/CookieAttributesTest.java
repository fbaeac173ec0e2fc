package io.portcullis.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.server.testing.TestClient;
import io.portcullis.server.testing.TestServer;
import io.portcullis.testing.TestDatabase;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The session cookie's attributes, read from real Set-Cookie headers in http and https modes. */
class CookieAttributesTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    private static String signInCookie(Map<String, String> settings, String expectedName) {
        try (TestServer server = TestServer.start(TestDatabase.Kind.H2, settings)) {
            TestClient client = server.client();
            String email = "cookie-" + UUID.randomUUID() + "@example.com";
            assertThat(client.signUp(email, PASSWORD).status()).isEqualTo(200);
            TestClient.Response signIn = client.signIn(email, PASSWORD);
            assertThat(signIn.status()).isEqualTo(200);
            assertThat(signIn.header("Cache-Control")).isEqualTo("no-store");
            String cookie = signIn.setCookie(expectedName).orElseThrow(() -> new AssertionError("no " + expectedName + " in " + signIn.setCookies()));
            // The cookie works under its name: the server reads it back.
            assertThat(client.get("/get-session").json().at("/user/email").asText()).isEqualTo(email);
            TestClient.Response signOut = client.post("/sign-out", "{}");
            assertThat(signOut.setCookie(expectedName)).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
            return cookie;
        }
    }

    @Test
    void httpBaseUrlGivesAnHttpOnlyLaxCookieWithoutSecure() {
        String cookie = signInCookie(Map.of("baseUrl", "http://localhost:8080"), "portcullis.session_token");
        assertThat(cookie).matches("portcullis\\.session_token=[A-Za-z0-9_-]{43}; Path=/; Max-Age=1800; HttpOnly; SameSite=Lax");
    }

    @Test
    void httpsBaseUrlMakesTheCookieSecureWithTheHostPrefix() {
        String cookie = signInCookie(Map.of("baseUrl", "https://auth.example.com", "secret", SECRET), "__Host-portcullis.session_token");
        assertThat(cookie).matches("__Host-portcullis\\.session_token=[A-Za-z0-9_-]{43}; Path=/; Max-Age=1800; HttpOnly; Secure; SameSite=Lax");
    }

    @Test
    void aCookieDomainDropsTheHostPrefixButKeepsSecure() {
        String cookie = signInCookie(Map.of("baseUrl", "https://auth.example.com", "secret", SECRET, "cookie.domain", "example.com",
                "cookie.sameSite", "Strict"), "portcullis.session_token");
        assertThat(cookie).contains("; Domain=example.com; HttpOnly; Secure; SameSite=Strict").doesNotContain("__Host-");
    }

    @Test
    void secureCanBeSetExplicitlyOverHttpAndTheNameIsConfigurable() {
        String cookie = signInCookie(Map.of("cookie.secure", "true", "cookie.prefix", "acme", "cookie.sessionName", "sid",
                "cookie.sameSite", "None"), "__Host-acme.sid");
        assertThat(cookie).contains("; HttpOnly; Secure; SameSite=None");
    }

    @Test
    void rememberMeSessionsGetALongerIdleTimeoutWhenEnabled() {
        try (TestServer server = TestServer.start(TestDatabase.Kind.H2, Map.of("session.rememberMe.enabled", "true"))) {
            TestClient client = server.client();
            String email = "remember-" + UUID.randomUUID() + "@example.com";
            client.signUp(email, PASSWORD);
            assertThat(client.signIn(email, PASSWORD).setCookie("portcullis.session_token"))
                    .hasValueSatisfying(c -> assertThat(c).contains("Max-Age=" + 14 * 24 * 3600));
            TestClient.Response shortSession = client.post("/sign-in/email",
                    "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"rememberMe\":false}");
            assertThat(shortSession.setCookie("portcullis.session_token")).hasValueSatisfying(c -> assertThat(c).doesNotContain("Max-Age"));
            assertThat(client.get("/get-session").json().at("/session/expiresAt").asText()).isEqualTo("2026-03-01T10:30:00.000Z");
        }
    }
}
