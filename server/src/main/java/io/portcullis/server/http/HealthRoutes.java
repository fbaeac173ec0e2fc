package io.portcullis.server.http;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.portcullis.db.Database;
import java.util.Map;

/**
 * Probes for orchestrators and load balancers. Liveness says the process answers; readiness says it
 * can serve, which needs the database: 503 while it cannot be reached, so that a load balancer sends
 * requests elsewhere instead of to an instance that would refuse them all.
 */
final class HealthRoutes {
    static final String LIVE = "/health/live";
    static final String READY = "/health/ready";

    private final Database database;

    HealthRoutes(Database database) {
        this.database = database;
    }

    void live(Context ctx) {
        ctx.header("Cache-Control", "no-store").json(Map.of("status", "UP"));
    }

    void ready(Context ctx) {
        boolean up = database.isReachable();
        ctx.header("Cache-Control", "no-store")
                .status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .json(Map.of("status", up ? "UP" : "DOWN", "checks", Map.of("database", up ? "UP" : "DOWN")));
        if (!up) ctx.header("Retry-After", "1");
    }
}
