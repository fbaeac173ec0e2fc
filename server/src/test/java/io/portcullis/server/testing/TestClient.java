package io.portcullis.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** One client (think: one browser) with its own cookie jar, speaking HTTP to a {@link TestServer}. */
public final class TestClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final String origin;
    public final Map<String, String> cookies = new LinkedHashMap<>();
    /**
     * Whether {@link #post} sends what a well-behaved browser client sends: an {@code Origin} header with
     * the server's own origin, and the {@code XSRF-TOKEN} cookie copied into {@code X-XSRF-TOKEN} (the one
     * hook a Better Auth client needs). Tests of the CSRF checks turn it off and set headers themselves.
     */
    public boolean csrfHeaders = true;
    /** Every response this client received, for checks over all of them (no secret in any body). */
    public final List<Response> responses = new java.util.concurrent.CopyOnWriteArrayList<>();

    TestClient(TestServer server) {
        this(server.baseUri(), server.portcullis.config().baseOrigin());
    }

    /** A client of a server at {@code base} (its basePath included) whose pages are served from {@code origin}. */
    public TestClient(String base, String origin) {
        this.base = base;
        this.origin = origin;
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response post(String path, String json) {
        return post(path, json, "application/json");
    }

    public Response post(String path, String body, String contentType) {
        HttpRequest.Builder b = request(path).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) b.header("Content-Type", contentType);
        if (csrfHeaders) {
            b.header("Origin", origin);
            String token = cookies.get("XSRF-TOKEN");
            if (token != null) b.header("X-XSRF-TOKEN", token);
        }
        return send(b);
    }

    public Response signUp(String email, String password) {
        return post("/sign-up/email", "{\"name\":\"Test\",\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    }

    public Response signIn(String email, String password) {
        return post("/sign-in/email", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    }

    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(90));
        if (!cookies.isEmpty()) {
            b.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
        }
        return b;
    }

    public Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> r = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            Response response = new Response(r.statusCode(), r.body(), r.headers());
            responses.add(response);
            for (String header : response.setCookies()) {
                String pair = header.split(";", 2)[0];
                String name = pair.substring(0, pair.indexOf('='));
                String value = pair.substring(pair.indexOf('=') + 1);
                if (header.contains("Max-Age=0")) cookies.remove(name);
                else cookies.put(name, value);
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, String body, HttpHeaders headers) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public List<String> setCookies() {
            return headers.allValues("Set-Cookie");
        }

        /** The Set-Cookie header for the named cookie, if this response sent one. */
        public Optional<String> setCookie(String name) {
            return setCookies().stream().filter(c -> c.startsWith(name + "=")).findFirst();
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }
}
