package io.portcullis.server.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.server.testing.TestClient;
import io.portcullis.server.testing.TestServer;
import io.portcullis.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics}: off unless {@code metrics.enabled}; when on, Prometheus text with what an operator
 * watches (requests per route and status, sign-in outcomes, lockouts, rate-limit refusals, the pool,
 * the mail queue), tagged by route template so no token or raw path ever appears in it.
 */
class MetricsTest {
    private static final String PASSWORD = "correct horse battery";

    @Test
    void metricsAreNotServedUnlessEnabled() {
        try (TestServer server = TestServer.start(TestDatabase.Kind.H2)) {
            TestClient.Response r = server.getAtRoot("/metrics");
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.json().path("code").asText()).isEqualTo("NOT_FOUND");
        }
    }

    @Test
    void withATokenConfiguredOnlyARequestBearingItGetsTheMetrics() {
        String token = "scrape-" + UUID.randomUUID();
        try (TestServer server = TestServer.start(TestDatabase.Kind.H2, Map.of("metrics.enabled", "true", "metrics.token", token))) {
            for (String authorization : new String[] {null, "Bearer " + token.substring(1), "Bearer " + token + "x", "Basic " + token, token, "Bearer"}) {
                TestClient.Response refused = scrape(server, authorization);
                assertThat(refused.status()).as(String.valueOf(authorization)).isEqualTo(401);
                assertThat(refused.json().path("code").asText()).isEqualTo("UNAUTHORIZED");
                assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"metrics\"");
                assertThat(refused.body()).doesNotContain("http_server_requests", token);
            }
            for (String authorization : new String[] {"Bearer " + token, "bearer " + token}) {
                TestClient.Response served = scrape(server, authorization);
                assertThat(served.status()).as(authorization).isEqualTo(200);
                assertThat(served.body()).contains("http_server_requests_seconds_count");
            }
            assertThat(value(scrape(server, "Bearer " + token).body(), "http_server_requests_seconds_count",
                    "method=\"GET\",route=\"/metrics\",status=\"401\"")).as("the refusals, counted").isEqualTo(6);
        }
    }

    private static TestClient.Response scrape(TestServer server, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.rootUri() + "/metrics")).GET();
        if (authorization != null) request.header("Authorization", authorization);
        return server.client().send(request);
    }

    @Test
    void countsRequestsSignInsAndLockoutsByRouteWithoutSecrets() {
        try (TestServer server = TestServer.start(TestDatabase.Kind.H2, Map.of("metrics.enabled", "true", "lockout.maxFailures", "3"))) {
            String email = "metrics-" + UUID.randomUUID() + "@example.com";
            TestClient browser = server.client();
            assertThat(browser.signUp(email, PASSWORD).status()).isEqualTo(200);
            assertThat(browser.get("/get-session").status()).isEqualTo(200);
            assertThat(browser.get("/get-session").status()).isEqualTo(200);
            assertThat(server.client().signIn(email, PASSWORD).status()).isEqualTo(200);
            for (int i = 0; i < 3; i++) assertThat(server.client().signIn(email, "wrong password " + i).status()).isEqualTo(401);
            assertThat(server.client().signIn(email, PASSWORD).status()).as("locked").isEqualTo(429);
            String token = "secret-looking-token-" + UUID.randomUUID();
            server.client().get("/reset-password/" + token);
            server.getAtRoot("/no/such/" + token);

            TestClient.Response scrape = server.getAtRoot("/metrics");
            assertThat(scrape.status()).isEqualTo(200);
            assertThat(scrape.header("Content-Type")).startsWith("text/plain; version=0.0.4");
            String text = scrape.body();

            assertThat(value(text, "http_server_requests_seconds_count", "method=\"GET\",route=\"/api/auth/get-session\",status=\"200\"")).isEqualTo(2);
            assertThat(value(text, "http_server_requests_seconds_count", "method=\"POST\",route=\"/api/auth/sign-in/email\",status=\"401\"")).isEqualTo(3);
            assertThat(value(text, "http_server_requests_seconds_count", "method=\"POST\",route=\"/api/auth/sign-in/email\",status=\"429\"")).isEqualTo(1);
            assertThat(value(text, "http_server_requests_seconds_count", "method=\"GET\",route=\"/api/auth/reset-password/{token}\",status=\"302\"")).isEqualTo(1);
            assertThat(value(text, "http_server_requests_seconds_count", "method=\"GET\",route=\"UNMATCHED\",status=\"404\"")).isEqualTo(1);
            assertThat(value(text, "http_server_requests_seconds_bucket", "method=\"GET\",route=\"/api/auth/get-session\",status=\"200\",le=\"5.0\""))
                    .as("latency buckets").isEqualTo(2);

            assertThat(value(text, "portcullis_sign_in_total", "outcome=\"success\",reason=\"password\"")).isEqualTo(1);
            assertThat(value(text, "portcullis_sign_in_total", "outcome=\"failure\",reason=\"wrong_password\"")).isEqualTo(3);
            assertThat(value(text, "portcullis_sign_in_total", "outcome=\"failure\",reason=\"locked\"")).isEqualTo(1);
            assertThat(value(text, "portcullis_lockouts_total", "")).isEqualTo(1);
            assertThat(value(text, "portcullis_security_events_total", "type=\"sign_up\"")).isEqualTo(1);

            assertThat(value(text, "portcullis_db_pool_max", "")).isEqualTo(server.portcullis.config().database().poolSize());
            assertThat(text).contains("portcullis_db_pool_active ", "portcullis_db_pool_waiting ", "portcullis_mail_queue ", "jvm_memory_used_bytes");
            // The sign-up's verification mail leaves on the mail thread (log transport): counted once sent.
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (value(server.getAtRoot("/metrics").body(), "portcullis_mail_sent_total", "") < 1 && System.nanoTime() < deadline) Thread.onSpinWait();
            assertThat(value(server.getAtRoot("/metrics").body(), "portcullis_mail_sent_total", "")).as("the verification mail of the sign-up").isGreaterThanOrEqualTo(1);

            assertThat(text).as("no token, email or raw path in the metrics").doesNotContain(token, email, "/no/such");
        }
    }

    @Test
    void countsRateLimitRefusalsPerRoute() {
        try (TestServer server = TestServer.start(TestDatabase.Kind.H2,
                Map.of("metrics.enabled", "true", "rateLimit.enabled", "true", "rateLimit.rules", "/get-session=1m/2"))) {
            TestClient client = server.client();
            for (int i = 0; i < 2; i++) assertThat(client.get("/get-session").status()).isEqualTo(200);
            assertThat(client.get("/get-session").status()).isEqualTo(429);
            assertThat(client.get("/get-session").status()).isEqualTo(429);

            String text = server.getAtRoot("/metrics").body();
            assertThat(value(text, "portcullis_rate_limit_refused_total", "route=\"/api/auth/get-session\"")).isEqualTo(2);
            assertThat(value(text, "http_server_requests_seconds_count", "method=\"GET\",route=\"/api/auth/get-session\",status=\"429\"")).isEqualTo(2);
        }
    }

    /** The value of one series: {@code name{labels} value}, or {@code name value} when labels is empty. */
    private static double value(String scrape, String name, String labels) {
        String series = labels.isEmpty() ? name : name + "{" + labels + "}";
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        assertThat(m.find()).as("series %s in:%n%s", series, scrape).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
