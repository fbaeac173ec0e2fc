package io.portcullis.server.cli;

import io.portcullis.ErrorCode;
import io.portcullis.Portcullis;
import io.portcullis.PortcullisException;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.server.http.HttpServer;
import io.portcullis.server.logging.LogFormats;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true, description = "Start the HTTP server (the default command).")
final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Mixin
    ConfigOption config;

    @Option(names = "--exit-when-ready", description = "Start, answer a few requests sent to itself, then stop: exit code 0 when they were"
            + " answered as expected. A smoke test after installing, and the training run of the class-data archive the build makes.")
    boolean exitWhenReady;

    /** For picocli, which fills in the options. */
    ServeCommand() {}

    /** {@code serve} without options; see {@link Main#run}. */
    ServeCommand(ConfigOption config) {
        this.config = config;
    }

    /**
     * Before listening: an instance whose secret is not the one the others wrote two-factor data under
     * must not serve (also with {@code twoFactor.enabled=false}, which stops new enrolments only). A
     * database that cannot answer now (it may, with {@code database.migrate=false}) does not stop the
     * start: the comparison then happens at the first two-factor request.
     */
    static void checkServerSecret(Portcullis portcullis) {
        try {
            portcullis.twoFactor().checkServerSecret();
        } catch (PortcullisException e) {
            if (e.code() != ErrorCode.SERVICE_UNAVAILABLE) throw e;
            LOG.warn("the server secret could not be compared with the database's record at start ({}): compared at the first two-factor request instead",
                    e.getMessage());
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        PortcullisConfig loaded = config.load();
        LogFormats.apply(loaded.observability().logFormat());
        // Two things at once: the database opens and migrates here while the HTTP layer's classes load there.
        Thread warmUp = new Thread(HttpServer::loadClasses, "portcullis-class-loading");
        warmUp.setDaemon(true);
        warmUp.start();
        Portcullis portcullis = Portcullis.builder(loaded).start();
        HttpServer server;
        try {
            checkServerSecret(portcullis);
            server = new HttpServer(portcullis).start();
        } catch (RuntimeException e) {
            portcullis.close();
            throw e;
        }
        if (exitWhenReady) {
            try (portcullis; server) {
                return SelfCheck.run(loaded, server.port());
            }
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            portcullis.close();
            stopped.countDown();
        }, "portcullis-shutdown"));
        System.out.println("Portcullis is ready: " + loaded.baseUrl() + loaded.basePath() + ", web UI at " + loaded.baseUrl() + "/"
                + " (listening on " + loaded.server().host() + ":" + server.port() + ", database " + portcullis.database().dialect().name().toLowerCase(java.util.Locale.ROOT) + ")");
        stopped.await();
        return 0;
    }
}
