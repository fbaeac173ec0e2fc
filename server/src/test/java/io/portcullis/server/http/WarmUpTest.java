package io.portcullis.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.http.servlet.JavalinServlet;
import io.portcullis.server.testing.TestServer;
import io.portcullis.testing.TestDatabase;
import java.lang.reflect.Field;
import java.util.Map;
import kotlin.Lazy;
import org.junit.jupiter.api.Test;

/**
 * The server answers its first connection only once a request has been through the whole stack, so that
 * concurrent first requests cannot race Javalin's unsynchronised set-up (a 500 with an empty body).
 */
class WarmUpTest {

    @Test
    void beforeTheFirstConnectionTheServerHasAnsweredOneRequestInProcess() throws Exception {
        try (TestServer server = TestServer.start(TestDatabase.Kind.H2, Map.of("metrics.enabled", "true"))) {
            // Nothing has been sent over the network yet: the metrics hold the in-process warm-up alone.
            assertThat(server.http.metrics().scrape())
                    .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/health/live\",status=\"200\"} 1")
                    .doesNotContain("route=\"/api/auth");
            // What the warm-up is for: Javalin's per-servlet context settings, a Kotlin lazy without locks.
            assertThat(javalinContextSettings(server.http).isInitialized()).as("Javalin's lazy context settings are built").isTrue();

            assertThat(server.client().get("/ok").status()).isEqualTo(200);
        }
    }

    /**
     * The lazy this guards (Javalin 6.3: {@code JavalinServlet.servletContextConfig}). Should an upgrade
     * rename or remove it, this fails: check whether the race is gone before dropping the warm-up.
     */
    private static Lazy<?> javalinContextSettings(HttpServer http) throws ReflectiveOperationException {
        Object servlet = http.javalin().javalinServlet();
        if (!(servlet instanceof JavalinServlet)) servlet = field(servlet, "httpServlet"); // the WebSocket-capable wrapper
        return (Lazy<?>) field(servlet, "servletContextConfig$delegate");
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        Field field = owner.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(owner);
    }
}
