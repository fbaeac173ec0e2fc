package io.portcullis.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.server.testing.TestClient;
import io.portcullis.server.testing.TestServer;
import io.portcullis.testing.TcpProxy;
import io.portcullis.testing.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rate limit fails closed: when its counters cannot be reached, a request it has not already
 * counted answers 503 instead of going through uncounted, even on a route that needs nothing else from
 * the database ({@code /ok}). Requests counted before the outage (the counts an instance reserves in
 * advance) pass the limit and get their route's own answer; a client already over its limit keeps its 429.
 */
class RateLimitOutageTest {
    private static final String POSTGRES = "127.0.0.1:5432";

    private TestDatabase db;
    private TcpProxy proxy;
    private TestServer server;

    @BeforeEach
    void start() {
        db = TestDatabase.create(TestDatabase.Kind.POSTGRESQL);
        proxy = TcpProxy.to(5432);
        String viaProxy = db.url().replace(POSTGRES, "127.0.0.1:" + proxy.port());
        server = TestServer.on(db, Map.of("database.url", viaProxy, "database.username", "postgres", "rateLimit.enabled", "true"));
    }

    @AfterEach
    void stop() {
        try {
            if (server != null) server.close();
        } finally {
            try {
                if (proxy != null) proxy.close();
            } finally {
                if (db != null) db.close();
            }
        }
    }

    @Test
    void whileTheCountersCannotBeReachedEveryRequestNotYetCountedAnswers503() throws Exception {
        // The default rule (100 in 10 s) counts ten requests per statement: this one and nine to come.
        assertThat(server.client().get("/ok").status()).isEqualTo(200);

        proxy.down();
        for (int i = 0; i < 9; i++) assertThat(server.client().get("/ok").status()).as("counted before the outage").isEqualTo(200);
        TestClient.Response down = server.client().get("/ok");
        assertThat(down.status()).as(down.body()).isEqualTo(503);
        assertThat(down.json().get("code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(server.client().signIn("nobody@example.com", "whatever it is").status()).isEqualTo(503);

        proxy.up();
        long deadline = System.nanoTime() + 10_000_000_000L;
        int status = server.client().get("/ok").status();
        while (status != 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            status = server.client().get("/ok").status();
        }
        assertThat(status).as("after the database came back").isEqualTo(200);
    }

    @Test
    void aClientAlreadyOverItsLimitIsStillRefusedWith429WhileTheDatabaseIsDown() {
        for (int i = 0; i < 5; i++) assertThat(server.client().signIn("nobody@example.com", "whatever it is").status()).isEqualTo(401);
        assertThat(server.client().signIn("nobody@example.com", "whatever it is").status()).isEqualTo(429);

        proxy.down();
        // Its window is known to be full until its last second: the same refusal, without the counters.
        TestClient.Response refused = server.client().signIn("nobody@example.com", "whatever it is");
        assertThat(refused.status()).as(refused.body()).isEqualTo(429);
        assertThat(refused.json().get("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(server.client().get("/ok").status()).as("a route whose window is not full").isEqualTo(503);
    }
}
