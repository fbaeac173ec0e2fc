package io.portcullis.server.csrf;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.server.testing.ServerContract;
import io.portcullis.server.testing.TestClient;
import io.portcullis.server.testing.TestServer;
import io.portcullis.user.Roles;
import io.portcullis.user.User;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The CSRF checks over HTTP: a mutation sent with the session cookie must come from a trusted origin
 * and, where it acts with the session, carry that session's token; a cross-site fetch is refused.
 */
public abstract class CsrfContract extends ServerContract {
    private static final String OWN = "http://localhost:8080";

    @Override
    protected Map<String, String> settings() {
        return Map.of("trustedOrigins", "https://*.example.com,https://app.example.org");
    }

    /** A signed-in client that sends only the headers a test gives it. */
    private TestClient bareSignedIn(User user) {
        TestClient client = signedIn(user);
        client.csrfHeaders = false;
        return client;
    }

    private static TestClient.Response post(TestClient client, String path, String... headers) {
        HttpRequest.Builder b = client.request(path).POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json");
        if (headers.length > 0) b.headers(headers);
        return client.send(b);
    }

    private static String code(TestClient.Response r) {
        return r.status() + " " + r.json().path("code").asText();
    }

    private static String csrf(TestClient client) {
        return client.cookies.get("XSRF-TOKEN");
    }

    @Test
    void aMutationWithTheCookieFromAForeignOriginIsRefusedAndChangesNothing() {
        User user = newUser(Roles.DEFAULT);
        TestClient victim = bareSignedIn(user);
        TestClient other = signedIn(user);
        for (String foreign : new String[] {"https://evil.example.net", "http://localhost:8081", "https://example.com",
                "https://a.b.example.com", "http://app.example.org"}) {
            TestClient.Response r = post(victim, "/revoke-other-sessions", "Origin", foreign, "X-XSRF-TOKEN", csrf(victim));
            assertThat(code(r)).as(foreign).isEqualTo("403 INVALID_ORIGIN");
        }
        assertThat(code(post(victim, "/revoke-other-sessions", "Referer", "https://evil.example.net/page", "X-XSRF-TOKEN", csrf(victim))))
                .isEqualTo("403 INVALID_ORIGIN");
        assertThat(isSignedIn(other)).isTrue();
    }

    @Test
    void aMutationWithTheCookieButNoOriginNoRefererOrANullOriginIsRefused() {
        TestClient client = bareSignedIn(newUser(Roles.DEFAULT));
        assertThat(code(post(client, "/revoke-sessions", "X-XSRF-TOKEN", csrf(client)))).isEqualTo("403 MISSING_OR_NULL_ORIGIN");
        assertThat(code(post(client, "/revoke-sessions", "Origin", "null", "X-XSRF-TOKEN", csrf(client)))).isEqualTo("403 MISSING_OR_NULL_ORIGIN");
        assertThat(isSignedIn(client)).isTrue();
    }

    @Test
    void aTrustedOriginWithoutTheTokenOrWithAWrongOneIsRefusedAndWithBothItSucceeds() {
        User user = newUser(Roles.DEFAULT);
        TestClient client = bareSignedIn(user);
        TestClient other = signedIn(user);
        assertThat(code(post(client, "/revoke-other-sessions", "Origin", OWN))).isEqualTo("403 INVALID_CSRF_TOKEN");
        assertThat(code(post(client, "/revoke-other-sessions", "Origin", OWN, "X-XSRF-TOKEN", "A".repeat(43)))).isEqualTo("403 INVALID_CSRF_TOKEN");
        assertThat(code(post(client, "/revoke-other-sessions", "Origin", OWN, "X-XSRF-TOKEN", ""))).isEqualTo("403 INVALID_CSRF_TOKEN");
        assertThat(isSignedIn(other)).isTrue();

        TestClient.Response ok = post(client, "/revoke-other-sessions", "Origin", "https://app.example.com", "X-XSRF-TOKEN", csrf(client));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(isSignedIn(other)).isFalse();
        // The other header name, and the Referer in place of an absent Origin, work as well.
        assertThat(post(client, "/revoke-other-sessions", "Referer", OWN + "/account?tab=1", "X-CSRF-Token", csrf(client)).status())
                .isEqualTo(200);
    }

    @Test
    void aTokenFromAnotherSessionIsRefused() {
        User user = newUser(Roles.DEFAULT);
        TestClient mine = bareSignedIn(user);
        TestClient someoneElses = signedIn(newUser(Roles.DEFAULT));
        TestClient sameUserOtherDevice = signedIn(user);
        for (TestClient source : new TestClient[] {someoneElses, sameUserOtherDevice}) {
            assertThat(csrf(source)).isNotEqualTo(csrf(mine));
            assertThat(code(post(mine, "/revoke-sessions", "Origin", OWN, "X-XSRF-TOKEN", csrf(source)))).isEqualTo("403 INVALID_CSRF_TOKEN");
        }
        assertThat(isSignedIn(mine)).isTrue();
    }

    @Test
    void signOutWithTheSessionNeedsTheTokenButSignInOnlyATrustedOrigin() {
        User user = newUser(Roles.DEFAULT);
        TestClient client = bareSignedIn(user);
        assertThat(code(post(client, "/sign-out", "Origin", OWN))).isEqualTo("403 INVALID_CSRF_TOKEN");
        assertThat(isSignedIn(client)).isTrue();

        // Sign-in does not act with the session it may find: the origin is checked, no token is needed.
        String credentials = "{\"email\":\"" + user.email() + "\",\"password\":\"" + PASSWORD + "\"}";
        HttpRequest.Builder signIn = client.request("/sign-in/email").POST(HttpRequest.BodyPublishers.ofString(credentials))
                .header("Content-Type", "application/json").header("Origin", OWN);
        assertThat(client.send(signIn).status()).isEqualTo(200);
        assertThat(post(client, "/sign-out", "Origin", OWN, "X-XSRF-TOKEN", csrf(client)).status()).isEqualTo(200);
        assertThat(isSignedIn(client)).isFalse();
    }

    @Test
    void aCrossSiteFetchIsRefusedEvenWithoutCookiesAndCurlWithNeitherPasses() {
        User user = newUser(Roles.DEFAULT);
        String credentials = "{\"email\":\"" + user.email() + "\",\"password\":\"" + PASSWORD + "\"}";
        TestClient browser = server.client();
        HttpRequest.Builder crossSite = browser.request("/sign-in/email").POST(HttpRequest.BodyPublishers.ofString(credentials))
                .header("Content-Type", "application/json").header("Sec-Fetch-Site", "cross-site").header("Origin", OWN);
        assertThat(code(browser.send(crossSite))).isEqualTo("403 INVALID_ORIGIN");
        assertThat(browser.cookies).isEmpty();

        HttpRequest.Builder sameOrigin = browser.request("/sign-in/email").POST(HttpRequest.BodyPublishers.ofString(credentials))
                .header("Content-Type", "application/json").header("Sec-Fetch-Site", "same-origin").header("Origin", OWN);
        assertThat(browser.send(sameOrigin).status()).isEqualTo(200);

        // Without any cookie, a browser still names the page that sent it: another site cannot sign the
        // browser in (login CSRF), not even with a plain form or from a sandboxed frame (Origin: null).
        String form = "email=" + user.email().replace("@", "%40") + "&password=" + PASSWORD.replace(" ", "+");
        for (String[] origin : new String[][] {{"Origin", "https://evil.example.net", "403 INVALID_ORIGIN"},
                {"Referer", "https://evil.example.net/login", "403 INVALID_ORIGIN"}, {"Origin", "null", "403 MISSING_OR_NULL_ORIGIN"}}) {
            TestClient fresh = server.client();
            fresh.csrfHeaders = false;
            HttpRequest.Builder formPost = fresh.request("/sign-in/email").POST(HttpRequest.BodyPublishers.ofString(form))
                    .header("Content-Type", "application/x-www-form-urlencoded").header(origin[0], origin[1]);
            assertThat(code(fresh.send(formPost))).as(origin[1]).isEqualTo(origin[2]);
            assertThat(fresh.cookies).isEmpty();
        }

        // No cookie, no Origin, no Fetch Metadata: a script or another server, which no site can make a browser imitate.
        TestClient curl = server.client();
        curl.csrfHeaders = false;
        assertThat(curl.signIn(user.email(), PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void theTokenComesAsACookieScriptsCanReadAndFromGetCsrfAndEverySessionHasItsOwn() {
        User user = newUser(Roles.DEFAULT);
        TestClient client = server.client();
        TestClient.Response signIn = client.signIn(user.email(), PASSWORD);
        String cookie = signIn.setCookie("XSRF-TOKEN").orElseThrow();
        assertThat(cookie).matches("XSRF-TOKEN=[A-Za-z0-9_-]{43}; Path=/; Max-Age=1800; SameSite=Strict").doesNotContain("HttpOnly");

        TestClient.Response csrf = client.get("/csrf");
        assertThat(csrf.json().get("csrfToken").asText()).isEqualTo(csrf(client));
        assertThat(csrf.header("Cache-Control")).isEqualTo("no-store");
        String first = csrf(client);
        // It is not the session token, nor its stored hash.
        assertThat(first).isNotEqualTo(client.cookies.get(COOKIE));

        client.signIn(user.email(), PASSWORD);
        assertThat(csrf(client)).isNotEqualTo(first);

        TestClient.Response signOut = client.post("/sign-out", "{}");
        assertThat(signOut.setCookie("XSRF-TOKEN")).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
        assertThat(client.get("/csrf").body()).isEqualTo("{\"csrfToken\":null}");
    }

    @Test
    void withRequireTokenFalseATrustedOriginIsEnough() {
        try (TestServer relaxed = TestServer.on(server.database, Map.of("csrf.requireToken", "false"))) {
            relaxed.clock.set(START);
            User user = newUser(Roles.DEFAULT);
            TestClient client = relaxed.client();
            assertThat(client.signIn(user.email(), PASSWORD).status()).isEqualTo(200);
            client.csrfHeaders = false;
            assertThat(code(post(client, "/revoke-sessions", "Origin", "https://evil.example.net"))).isEqualTo("403 INVALID_ORIGIN");
            assertThat(post(client, "/revoke-sessions", "Origin", OWN).status()).isEqualTo(200);
            assertThat(isSignedIn(client)).isFalse();
        }
    }
}
