package io.portcullis.server.testing;

import io.portcullis.Portcullis;
import io.portcullis.config.ConfigSources;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.server.http.HttpServer;
import io.portcullis.testing.MutableClock;
import io.portcullis.testing.TestDatabase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real Portcullis HTTP server on a free port, over a real database, with a clock the test moves
 * and a record of every SQL statement run.
 */
public final class TestServer implements AutoCloseable {
    public final TestDatabase database;
    public final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
    public final List<String> statements = new CopyOnWriteArrayList<>();
    /** The statements run on request threads, leaving out Portcullis's own background threads ({@code portcullis-*}). */
    public final List<String> requestStatements = new CopyOnWriteArrayList<>();
    public final Portcullis portcullis;
    public final HttpServer http;
    private final boolean ownsDatabase;

    private TestServer(TestDatabase database, boolean ownsDatabase, Map<String, String> settings) {
        this.database = database;
        this.ownsDatabase = ownsDatabase;
        Map<String, Object> all = new HashMap<>(database.settings());
        all.put("server.host", "127.0.0.1");
        all.put("server.port", "0");
        // Off unless a test turns it on: the other tests sign in many times from 127.0.0.1 under a
        // frozen clock, so the sign-in limit (5 per 10 s) would refuse them. RateLimitContract tests it.
        all.put("rateLimit.enabled", "false");
        // Keys TOTP secrets and backup codes; without it a development fallback file would be written.
        all.put("secret", "test-server-secret-of-at-least-32-characters");
        all.putAll(settings);
        PortcullisConfig config = PortcullisConfig.load(ConfigSources.of(all));
        this.portcullis = Portcullis.builder(config).clock(clock).statementListener(this::record).backgroundJobs(false).start();
        this.http = new HttpServer(portcullis).start();
    }

    private void record(String sql) {
        statements.add(sql);
        if (!Thread.currentThread().getName().startsWith("portcullis-")) requestStatements.add(sql);
    }

    public static TestServer start(TestDatabase.Kind kind) {
        return start(kind, Map.of());
    }

    public static TestServer start(TestDatabase.Kind kind, Map<String, String> settings) {
        return new TestServer(TestDatabase.create(kind), true, settings);
    }

    /** A server over a database the caller owns (and closes). */
    public static TestServer on(TestDatabase database, Map<String, String> settings) {
        return new TestServer(database, false, settings);
    }

    public String baseUri() {
        return "http://127.0.0.1:" + http.port() + portcullis.config().basePath();
    }

    /** The server's root, for paths outside basePath ({@code /health/live}, {@code /metrics}). */
    public String rootUri() {
        return "http://127.0.0.1:" + http.port();
    }

    /** A GET outside basePath ({@code /health/ready}, {@code /metrics}) from a fresh client. */
    public TestClient.Response getAtRoot(String path) {
        return client().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(rootUri() + path)).GET());
    }

    public TestClient client() {
        return new TestClient(this);
    }

    /** Statements whose text starts with the given verb (SELECT, UPDATE, INSERT, DELETE). */
    public long count(String verb) {
        return statements.stream().filter(s -> s.stripLeading().regionMatches(true, 0, verb, 0, verb.length())).count();
    }

    @Override
    public void close() {
        http.close();
        portcullis.close();
        if (ownsDatabase) database.close();
    }
}
