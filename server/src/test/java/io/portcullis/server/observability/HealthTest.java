package io.portcullis.server.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.server.testing.TestClient;
import io.portcullis.server.testing.TestServer;
import io.portcullis.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/** The probes answer outside basePath, need no session, and are never cached. (Readiness with the database down: DatabaseOutageTest.) */
class HealthTest {
    @Test
    void liveAndReadyAnswerUpWhileTheDatabaseAnswers() {
        try (TestServer server = TestServer.start(TestDatabase.Kind.H2)) {
            TestClient.Response live = server.getAtRoot("/health/live");
            assertThat(live.status()).isEqualTo(200);
            assertThat(live.json().path("status").asText()).isEqualTo("UP");
            assertThat(live.header("Cache-Control")).isEqualTo("no-store");

            TestClient.Response ready = server.getAtRoot("/health/ready");
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.json().path("status").asText()).isEqualTo("UP");
            assertThat(ready.json().path("checks").path("database").asText()).isEqualTo("UP");
        }
    }
}
