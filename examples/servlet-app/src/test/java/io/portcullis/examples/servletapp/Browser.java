package io.portcullis.examples.servletapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A client for the example application that keeps cookies as a browser does (Set-Cookie with
 * {@code Max-Age=0} deletes one) and sends only the headers a test gives it. It follows no redirect.
 */
final class Browser {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    final Map<String, String> cookies = new LinkedHashMap<>();

    Browser(int port) {
        this.port = port;
    }

    Browser(int port, Map<String, String> cookies) {
        this(port);
        this.cookies.putAll(cookies);
    }

    Response get(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    Response post(String path, String body, String... headers) {
        return send(request(path, headers).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
        if (!cookies.isEmpty()) {
            b.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
        }
        if (headers.length > 0) b.headers(headers);
        return b;
    }

    private Response send(HttpRequest.Builder b) {
        try {
            HttpRequest request = b.build();
            HttpResponse<String> r;
            try {
                r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException closed) {
                // A kept-alive connection the server had just closed (after refusing a request whose body it
                // never read): nothing came back, so, as browsers do, send it once more on a new connection.
                if (closed.getMessage() == null || !closed.getMessage().contains("received no bytes")) throw closed;
                r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            }
            List<String> setCookies = r.headers().allValues("Set-Cookie");
            for (String setCookie : setCookies) {
                String pair = setCookie.split(";", 2)[0];
                String name = pair.substring(0, pair.indexOf('='));
                if (setCookie.contains("Max-Age=0")) cookies.remove(name);
                else cookies.put(name, pair.substring(pair.indexOf('=') + 1));
            }
            return new Response(r.statusCode(), r.body(), r.headers().map(), setCookies);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Response(int status, String body, Map<String, List<String>> headers, List<String> setCookies) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        /** "401 UNAUTHORIZED": the status and the error code of the body. */
        String error() {
            return status + " " + json().path("code").asText();
        }
    }
}
