package io.portcullis.server.http;

import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's network connector, which accepts its first connection only after one request
 * ({@code GET /health/live}) has gone through the whole stack in-process.
 *
 * <p>Why: Javalin 6 builds its request-context settings on the first request through a Kotlin lazy
 * without synchronisation ({@code LazyThreadSafetyMode.NONE}, whose behaviour under concurrent access
 * is undefined). Two first requests at once can race it. The loser then gets a NullPointerException
 * outside Javalin's exception mapping, and the client gets a 500 with an empty body. Connections that
 * arrive during the warm-up are not refused: Jetty binds the port before it starts connectors, so they
 * wait in the listen backlog.
 */
final class WarmedUpConnector extends ServerConnector {
    private static final Logger LOG = LoggerFactory.getLogger(WarmedUpConnector.class);
    private static final String WARM_UP_REQUEST = "GET " + HealthRoutes.LIVE + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";

    private final HttpConfiguration http;

    WarmedUpConnector(Server server, HttpConfiguration http, String host, int port) {
        super(server, new HttpConnectionFactory(http));
        this.http = http;
        setHost(host);
        setPort(port);
    }

    @Override
    protected void doStart() throws Exception {
        LocalConnector local = new LocalConnector(getServer(), new HttpConnectionFactory(http));
        local.start();
        try {
            String response = local.getResponse(WARM_UP_REQUEST, 30, TimeUnit.SECONDS);
            String statusLine = response == null ? "no answer" : response.lines().findFirst().orElse("an empty answer");
            if (!statusLine.startsWith("HTTP/1.1 200")) LOG.warn("the in-process warm-up request got {}", statusLine);
        } finally {
            local.stop();
        }
        super.doStart();
    }
}
