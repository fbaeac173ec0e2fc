package io.portcullis.server.cli;

import io.portcullis.config.PortcullisConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code serve --exit-when-ready}: read-only requests a freshly started server sends to itself, each
 * with the status (200) and a piece of the body it must answer. Nothing is written on their behalf but the
 * rate-limit counters they pass through.
 */
final class SelfCheck {
    private SelfCheck() {}

    static int run(PortcullisConfig config, int port) throws InterruptedException {
        String host = config.server().host();
        if (host.equals("0.0.0.0") || host.equals("::") || host.isBlank()) host = "127.0.0.1";
        if (host.contains(":")) host = "[" + host + "]";
        String root = "http://" + host + ":" + port;
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(config.basePath() + "/ok", "{\"ok\":true}");
        expected.put(config.basePath() + "/get-session", "null");
        expected.put("/health/ready", "\"status\":\"UP\"");
        expected.put("/account", "<html");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (Map.Entry<String, String> check : expected.entrySet()) {
            String problem = problemWith(client, root + check.getKey(), check.getValue());
            if (problem != null) {
                System.err.println("portcullis: self-check failed: GET " + check.getKey() + ": " + problem);
                return 1;
            }
        }
        System.out.println("Portcullis self-check passed: " + expected.size() + " requests answered on " + root + ", stopping.");
        return 0;
    }

    private static String problemWith(HttpClient client, String url, String fragment) throws InterruptedException {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) return "status " + response.statusCode();
            if (!response.body().contains(fragment)) return "unexpected body";
            return null;
        } catch (IOException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
