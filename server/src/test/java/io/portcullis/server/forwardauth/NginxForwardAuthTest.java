package io.portcullis.server.forwardauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.portcullis.audit.Actor;
import io.portcullis.server.testing.ServerContract;
import io.portcullis.server.testing.TestServer;
import io.portcullis.session.RevocationReason;
import io.portcullis.testing.TestDatabase;
import io.portcullis.user.User;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example {@code examples/nginx/nginx.conf}, run by a real nginx in front of a small application:
 * nginx asks Portcullis's {@code /verify} before every request and passes the identity on.
 */
class NginxForwardAuthTest {
    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static final Path EXAMPLE = Path.of("..", "examples", "nginx", "nginx.conf");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void onlyASignedInBrowserReachesTheApplicationWhichLearnsWhoItIs() throws Exception {
        boolean present = Files.isExecutable(NGINX);
        if (!present && "true".equals(System.getenv("CI"))) throw new IllegalStateException("CI=true but " + NGINX + " is missing (.ci/run installs nginx)");
        Assumptions.assumeTrue(present, "nginx test skipped: " + NGINX + " is needed (apt-get install nginx)");

        int proxyPort = freePort();
        String site = "http://127.0.0.1:" + proxyPort;
        HttpServer app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        app.createContext("/", exchange -> {
            byte[] body = ("hello " + exchange.getRequestHeaders().getFirst("X-Auth-User-Email") + " "
                    + exchange.getRequestHeaders().getFirst("X-Auth-User-Id")).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        app.start();
        Process nginx = null;
        try (TestServer portcullis = TestServer.start(TestDatabase.Kind.H2, Map.of("baseUrl", site, "trustedProxies", "127.0.0.1"))) {
            String conf = Files.readString(EXAMPLE)
                    .replace("127.0.0.1:8080", "127.0.0.1:" + portcullis.http.port())
                    .replace("127.0.0.1:3000", "127.0.0.1:" + app.getAddress().getPort())
                    .replace("listen 127.0.0.1:8000", "listen 127.0.0.1:" + proxyPort);
            Files.createDirectories(dir.resolve("tmp"));
            Files.writeString(dir.resolve("nginx.conf"), conf);
            nginx = new ProcessBuilder(NGINX.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.log").toFile()).start();
            awaitListening(proxyPort, nginx);

            assertThat(get(site + "/reports", null).statusCode()).as("no session").isEqualTo(401);

            User user = portcullis.portcullis.emailPassword().createUser(ServerContract.newEmail(), "Ada", ServerContract.PASSWORD, null, "user");
            HttpResponse<String> signIn = HTTP.send(HttpRequest.newBuilder(URI.create(site + "/api/auth/sign-in/email"))
                    .header("Content-Type", "application/json").header("Origin", site)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + user.email() + "\",\"password\":\"" + ServerContract.PASSWORD + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(200);
            String cookie = signIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(ServerContract.COOKIE + "="))
                    .findFirst().orElseThrow().split(";", 2)[0];

            HttpResponse<String> through = get(site + "/reports", cookie);
            assertThat(through.statusCode()).isEqualTo(200);
            assertThat(through.body()).isEqualTo("hello " + user.email() + " " + user.id());

            HttpResponse<String> spoofed = HTTP.send(HttpRequest.newBuilder(URI.create(site + "/reports")).header("Cookie", cookie)
                    .header("X-Auth-User-Email", "mallory@example.com").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(spoofed.body()).as("the proxy sets the identity, never the browser").isEqualTo("hello " + user.email() + " " + user.id());

            String csrfToken = signIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("XSRF-TOKEN="))
                    .findFirst().orElseThrow().split(";", 2)[0].substring("XSRF-TOKEN=".length());
            HttpResponse<String> forged = post(site + "/reports", cookie, Map.of("Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site"));
            assertThat(forged.statusCode()).as("a form another site posts to the application").isEqualTo(403);
            assertThat(post(site + "/reports", cookie, Map.of("Origin", site)).statusCode()).as("without the CSRF token").isEqualTo(403);
            HttpResponse<String> posted = post(site + "/reports", cookie, Map.of("Origin", site, "X-XSRF-TOKEN", csrfToken));
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
            assertThat(posted.body()).isEqualTo("hello " + user.email() + " " + user.id());

            portcullis.portcullis.sessions().revokeAll(user.id(), Actor.COMMAND_LINE, RevocationReason.ADMIN);
            assertThat(get(site + "/reports", cookie).statusCode()).as("revoked").isEqualTo(401);
        } finally {
            if (nginx != null) {
                nginx.destroy();
                nginx.waitFor();
            }
            app.stop(0);
        }
    }

    private static HttpResponse<String> post(String url, String cookie, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("amount=100"));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (cookie != null) b.header("Cookie", cookie);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitListening(int port, Process nginx) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (!nginx.isAlive()) throw new IllegalStateException("nginx exited: " + Files.readString(dir.resolve("nginx.log")));
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("nginx did not listen on " + port + ": " + Files.readString(dir.resolve("nginx.log")));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
