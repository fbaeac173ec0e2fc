package io.portcullis.server.web;

import io.portcullis.server.testing.TestServer;
import io.portcullis.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/**
 * A server for the browser: its {@code baseUrl} is the address the browser opens, so that the pages'
 * requests carry a trusted {@code Origin}, as they do in production.
 */
final class UiServer {
    private UiServer() {}

    static TestServer start(Map<String, String> settings) {
        int port = freePort();
        Map<String, String> all = new HashMap<>(settings);
        all.put("server.port", String.valueOf(port));
        all.put("baseUrl", "http://127.0.0.1:" + port);
        return TestServer.start(TestDatabase.Kind.H2, all);
    }

    static String origin(TestServer server) {
        return "http://127.0.0.1:" + server.http.port();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
