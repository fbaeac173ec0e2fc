package io.portcullis.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.portcullis.Portcullis;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditType;
import io.portcullis.db.Database;
import io.portcullis.mail.MailOutbox;
import java.time.Duration;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;

/**
 * The server's meters, in Prometheus' text format at {@code /metrics} when {@code metrics.enabled}.
 * Every tag value comes from a fixed set (route templates, audit types, reasons written in the code),
 * never from a request, so no caller can grow the number of series or read another caller's data.
 */
public final class ServerMetrics implements AutoCloseable {
    /** Prometheus' text exposition format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final Pattern REASON = Pattern.compile("[a-z_+]{1,40}");
    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    // Built once: each call below only adds its tags and finds the series (no builder per request).
    private final Meter.MeterProvider<Timer> requests = Timer.builder("http.server.requests")
            .description("HTTP requests by route, method and status")
            .serviceLevelObjectives(LATENCY_BUCKETS)
            .withRegistry(registry);
    private final Meter.MeterProvider<Counter> rateLimitRefusals = Counter.builder("portcullis.rate_limit.refused")
            .description("requests refused with 429 by the rate limit").withRegistry(registry);
    private final Meter.MeterProvider<Counter> securityEvents = Counter.builder("portcullis.security.events")
            .description("security events recorded in the audit trail").withRegistry(registry);
    private final Meter.MeterProvider<Counter> signIns = Counter.builder("portcullis.sign_in")
            .description("sign-in outcomes (reason: why it failed, or the method that succeeded)").withRegistry(registry);
    private final Counter lockouts = Counter.builder("portcullis.lockouts")
            .description("accounts locked after too many failed attempts").register(registry);

    private ServerMetrics() {}

    /** Meters for this engine: JVM, connection pool, mail queue and security events. */
    public static ServerMetrics of(Portcullis portcullis) {
        ServerMetrics metrics = new ServerMetrics();
        metrics.bindJvm();
        metrics.bindPool(portcullis.database());
        metrics.bindMail(portcullis.mail());
        portcullis.audit().subscribe(metrics::countEvent);
        return metrics;
    }

    /** See {@link io.portcullis.server.http.HttpServer#loadClasses()}: a registry with the JVM meters, closed at once. */
    public static void loadClasses() {
        ServerMetrics metrics = new ServerMetrics();
        metrics.bindJvm();
        metrics.close();
    }

    private void bindJvm() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    private void bindPool(Database database) {
        gauge("portcullis.db.pool.active", "connections in use", database, d -> d.poolState().active());
        gauge("portcullis.db.pool.idle", "connections idle in the pool", database, d -> d.poolState().idle());
        gauge("portcullis.db.pool.waiting", "requests waiting for a connection", database, d -> d.poolState().waiting());
        gauge("portcullis.db.pool.max", "the pool's maximum size (database.poolSize)", database, d -> d.poolState().max());
    }

    private void bindMail(MailOutbox mail) {
        gauge("portcullis.mail.queue", "messages queued or waiting for a retry", mail, MailOutbox::pending);
        // Function counters: the outbox keeps the totals, the registry reads them at each scrape.
        counter("portcullis.mail.sent", "messages handed to the mail transport", mail, MailOutbox::sent);
        counter("portcullis.mail.failed", "messages given up after every retry, or not composed", mail, MailOutbox::failed);
        counter("portcullis.mail.dropped", "messages refused because the queue was full", mail, MailOutbox::dropped);
    }

    private <T> void gauge(String name, String description, T source, ToDoubleFunction<T> value) {
        Gauge.builder(name, source, value).description(description).register(registry);
    }

    private <T> void counter(String name, String description, T source, ToDoubleFunction<T> total) {
        FunctionCounter.builder(name, source, total).description(description).register(registry);
    }

    /** One answered HTTP request: {@code route} is the declared path ({@code /api/auth/reset-password/{token}}), not the raw one. */
    public void recordRequest(String method, String route, int status, Duration took) {
        requests.withTags("method", method, "route", route, "status", Integer.toString(status)).record(took);
    }

    /** A request refused by the rate limit. */
    public void rateLimited(String route) {
        rateLimitRefusals.withTags("route", route).increment();
    }

    private void countEvent(AuditEvent event) {
        securityEvents.withTags("type", event.type().wireName()).increment();
        if (event.type() == AuditType.SIGN_IN_SUCCESS || event.type() == AuditType.SIGN_IN_FAILURE) {
            boolean success = event.type() == AuditType.SIGN_IN_SUCCESS;
            Object reason = event.detail().get(success ? "method" : "reason");
            signIns.withTags("outcome", success ? "success" : "failure",
                    "reason", reason instanceof String s && REASON.matcher(s).matches() ? s : "other").increment();
        }
        if (event.type() == AuditType.ACCOUNT_LOCKED) {
            lockouts.increment();
        }
    }

    /** All meters in Prometheus' text format. */
    public String scrape() {
        return registry.scrape();
    }

    /** For tests and embedding: the registry behind {@link #scrape()}. */
    public MeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
