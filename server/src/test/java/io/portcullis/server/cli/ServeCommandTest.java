package io.portcullis.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.portcullis.Portcullis;
import io.portcullis.config.ConfigSources;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.server.testing.JarProcess;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What {@code serve} does before it listens, with the database it has at that moment. */
class ServeCommandTest {
    /** A PostgreSQL URL on a port nothing listens on, with migrations off: the database is down at start. */
    private static Portcullis engineWithoutDatabase() {
        Map<String, String> settings = Map.of(
                "database.url", "jdbc:postgresql://127.0.0.1:" + JarProcess.freePort() + "/portcullis",
                "database.migrate", "false",
                "secret", "a-secret-of-at-least-thirty-two-characters");
        return Portcullis.builder(PortcullisConfig.load(ConfigSources.of(settings))).backgroundJobs(false).start();
    }

    @Test
    void aDatabaseDownAtStartDoesNotStopTheStartTheComparisonWaitsForTheFirstTwoFactorRequest() {
        Logger logger = (Logger) LoggerFactory.getLogger(ServeCommand.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try (Portcullis portcullis = engineWithoutDatabase()) {
            assertThatNoException().isThrownBy(() -> ServeCommand.checkServerSecret(portcullis));
            assertThat(log.list).singleElement().satisfies(e -> assertThat(e.getFormattedMessage())
                    .startsWith("the server secret could not be compared with the database's record at start")
                    .doesNotContain("a-secret-of-at-least"));
        } finally {
            logger.detachAppender(log);
        }
    }

    @Test
    void aServerThatCannotListenSaysWhy() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            CliRun inUse = serve("127.0.0.1", port);
            assertThat(inUse.exitCode()).isEqualTo(1);
            assertThat(inUse.err()).startsWith("portcullis: cannot listen on 127.0.0.1:" + port + ": ").containsIgnoringCase("in use");

            CliRun unknownHost = serve("authhost.invalid", port);
            assertThat(unknownHost.exitCode()).isEqualTo(1);
            assertThat(unknownHost.err()).isEqualTo("portcullis: cannot listen on authhost.invalid:" + port
                    + ": the host name does not resolve (server.host)" + System.lineSeparator());
        }
    }

    private static CliRun serve(String host, int port) {
        Map<String, String> settings = Map.of("server.host", host, "server.port", String.valueOf(port),
                "database.url", "jdbc:h2:mem:serve-" + port + "-" + host, "secret", "a-secret-of-at-least-thirty-two-characters");
        settings.forEach((k, v) -> System.setProperty("portcullis." + k, v));
        try {
            return CliRun.run("", "serve");
        } finally {
            settings.keySet().forEach(k -> System.clearProperty("portcullis." + k));
        }
    }
}
