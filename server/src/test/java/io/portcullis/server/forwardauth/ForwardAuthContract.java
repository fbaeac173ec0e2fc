package io.portcullis.server.forwardauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.audit.Actor;
import io.portcullis.server.testing.ServerContract;
import io.portcullis.server.testing.TestClient;
import io.portcullis.server.testing.TestServer;
import io.portcullis.session.RevocationReason;
import io.portcullis.user.Roles;
import io.portcullis.user.User;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code GET /verify}, the check a reverse proxy makes before every request to the application it guards. */
public abstract class ForwardAuthContract extends ServerContract {
    @Test
    void aValidSessionIsAnsweredWithTheCallersIdentityInHeaders() {
        User user = newUser(Roles.DEFAULT);
        TestClient client = signedIn(user);
        TestClient.Response r = client.get("/verify");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("X-Auth-User-Id")).isEqualTo(user.id());
        assertThat(r.header("X-Auth-User-Email")).isEqualTo(user.email());
        assertThat(r.header("X-Auth-User-Role")).isEqualTo("user");
        assertThat(r.header("X-Auth-Session-Id")).isEqualTo(client.get("/get-session").json().at("/session/id").asText());
        assertThat(r.body()).doesNotContain(client.cookies.get(COOKIE));
    }

    @Test
    void anEmailBeyondAsciiReachesTheApplicationPercentEncodedSoNoTwoAddressesLookAlike() {
        String tail = "-" + UUID.randomUUID() + "@example.com";
        User macron = server.portcullis.emailPassword().createUser("\u0101" + tail, "A", PASSWORD, null, Roles.DEFAULT);
        User breve = server.portcullis.emailPassword().createUser("\u0103" + tail, "A", PASSWORD, null, Roles.DEFAULT);
        User percent = server.portcullis.emailPassword().createUser("50%" + tail, "A", PASSWORD, null, Roles.DEFAULT);
        assertThat(signedIn(macron).get("/verify").header("X-Auth-User-Email")).isEqualTo("%C4%81" + tail);
        assertThat(signedIn(breve).get("/verify").header("X-Auth-User-Email")).isEqualTo("%C4%83" + tail);
        assertThat(signedIn(percent).get("/verify").header("X-Auth-User-Email")).as("% itself, so decoding is unambiguous").isEqualTo("50%25" + tail);
    }

    @Test
    void noCookieAnUnknownOneOrARevokedSessionIs401WithoutIdentity() {
        TestClient.Response anonymous = server.client().get("/verify");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(anonymous.header("X-Auth-User-Id")).isNull();

        TestClient forged = server.client();
        forged.cookies.put(COOKIE, "A".repeat(43));
        assertThat(forged.get("/verify").status()).isEqualTo(401);

        User user = newUser(Roles.DEFAULT);
        TestClient client = signedIn(user);
        assertThat(client.get("/verify").status()).isEqualTo(200);
        assertThat(server.portcullis.sessions().revokeAll(user.id(), Actor.COMMAND_LINE, RevocationReason.ADMIN)).isEqualTo(1);
        TestClient.Response revoked = client.get("/verify");
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.header("X-Auth-User-Id")).isNull();
    }

    @Test
    void aMutationOfTheGuardedApplicationPassesTheCsrfChecksWhenTheProxyNamesItsMethod() {
        User user = newUser(Roles.DEFAULT);
        TestClient browser = signedIn(user);
        String ours = server.portcullis.config().baseOrigin();
        String token = browser.cookies.get("XSRF-TOKEN");
        Map<String, String> crossSite = Map.of("Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site");

        // A page on another site posts a form to the application; nginx asks with the browser's headers.
        assertThat(verify(browser, "X-Original-Method", "POST", crossSite)).isEqualTo("403 INVALID_ORIGIN");
        assertThat(verify(browser, "X-Forwarded-Method", "post", crossSite)).as("Traefik's header, any case").isEqualTo("403 INVALID_ORIGIN");
        assertThat(verify(browser, "X-Forwarded-Method", "DELETE", Map.of())).as("the cookie without an origin").isEqualTo("403 MISSING_OR_NULL_ORIGIN");
        assertThat(verify(browser, "X-Original-Method", "POST", Map.of("Origin", ours))).as("without the CSRF token").isEqualTo("403 INVALID_CSRF_TOKEN");
        assertThat(verify(browser, "X-Original-Method", "POST", Map.of("Origin", ours, "X-XSRF-TOKEN", "x" + token.substring(1))))
                .isEqualTo("403 INVALID_CSRF_TOKEN");
        assertThat(verify(browser, "X-Original-Method", "POST", Map.of("Origin", ours, "X-XSRF-TOKEN", token))).isEqualTo("200");

        assertThat(verify(browser, "X-Original-Method", "GET", crossSite)).as("a link from another site reads, it does not change").isEqualTo("200");
        Map<String, String> claimsGet = new HashMap<>(crossSite);
        claimsGet.put("X-Forwarded-Method", "GET"); // sent by the browser; nginx passes it on beside its own header
        assertThat(verify(browser, "X-Original-Method", "POST", claimsGet)).as("a browser cannot name a GET to skip the checks").isEqualTo("403 INVALID_ORIGIN");
        Map<String, String> claimsGetToTraefik = new HashMap<>(crossSite);
        claimsGetToTraefik.put("X-Original-Method", "GET");
        assertThat(verify(browser, "X-Forwarded-Method", "POST", claimsGetToTraefik)).isEqualTo("403 INVALID_ORIGIN");
        assertThat(verify(server.client(), "X-Original-Method", "POST", Map.of("Origin", ours))).as("no session").isEqualTo("401 UNAUTHORIZED");
        assertThat(browser.get("/verify").status()).as("a proxy that names no method: no check, as before").isEqualTo(200);
    }

    @Test
    void withForwardAuthTokenOffAPlainFormPassesOnItsOriginAloneAndAnotherSitesStillDoesNot() {
        User user = newUser(Roles.DEFAULT);
        try (TestServer forms = TestServer.on(server.database, Map.of("csrf.forwardAuthToken", "false"))) {
            TestClient browser = forms.client();
            assertThat(browser.signIn(user.email(), PASSWORD).status()).isEqualTo(200);
            String ours = forms.portcullis.config().baseOrigin();
            assertThat(verify(browser, "X-Original-Method", "POST", Map.of("Origin", ours))).as("a form of the application's own").isEqualTo("200");
            assertThat(verify(browser, "X-Original-Method", "POST", Map.of("Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site")))
                    .isEqualTo("403 INVALID_ORIGIN");
            assertThat(verify(browser, "X-Original-Method", "POST", Map.of())).as("the cookie without an origin").isEqualTo("403 MISSING_OR_NULL_ORIGIN");
            TestClient.Response ownApi = browser.send(browser.request("/update-user").header("Origin", ours).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"No token\"}")));
            assertThat(ownApi.status()).as("Portcullis's own API still wants its token: " + ownApi.body()).isEqualTo(403);
            assertThat(ownApi.json().get("code").asText()).isEqualTo("INVALID_CSRF_TOKEN");
        }
    }

    /** {@code STATUS} of {@code /verify} asked about a request with this method, or {@code STATUS CODE} for a refusal. */
    private static String verify(TestClient browser, String methodHeader, String method, Map<String, String> headers) {
        HttpRequest.Builder request = browser.request("/verify").GET().header(methodHeader, method);
        headers.forEach(request::header);
        TestClient.Response r = browser.send(request);
        if (r.status() == 200) assertThat(r.header("X-Auth-User-Id")).isNotNull();
        else assertThat(r.header("X-Auth-User-Id")).isNull();
        return r.status() == 200 ? "200" : r.status() + " " + r.json().get("code").asText();
    }
}
