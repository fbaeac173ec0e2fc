package io.portcullis.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.server.testing.TestServer;
import io.portcullis.testing.TestDatabase;
import java.util.Arrays;
import java.util.Map;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.junit.jupiter.api.Test;

/**
 * Jetty's per-connection header cache is off. With it, a connection that carries many users' cookies
 * (a proxy, an application's HTTP client) fills and clears it all the time; its entries, Cookie values
 * among them, outlive young collections and fill the old generation (docs/performance.md).
 */
class HeaderCacheTest {

    @Test
    void theServersConnectionsCacheNoHeaders() {
        try (TestServer server = TestServer.start(TestDatabase.Kind.H2, Map.of())) {
            var connectors = server.http.javalin().jettyServer().server().getConnectors();
            assertThat(connectors).isNotEmpty();
            assertThat(Arrays.stream(connectors).map(c -> c.getConnectionFactory(HttpConnectionFactory.class)))
                    .allSatisfy(http -> assertThat(http.getHttpConfiguration().getHeaderCacheSize()).isZero());

            assertThat(server.client().get("/ok").status()).isEqualTo(200);
        }
    }
}
