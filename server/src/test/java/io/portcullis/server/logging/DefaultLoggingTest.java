package io.portcullis.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

class DefaultLoggingTest {
    @TempDir
    Path dir;

    @Test
    void oneLinePerEventOnStandardErrorAtInfoWithTheLibrariesAtWarn() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter()); // what Logback's own start-up gives a context
            context.start();
            DefaultLogging.apply(context);
            context.getLogger("portcullis.audit").info("audit {}", "{\"type\":\"sign_in_success\"}");
            context.getLogger("portcullis.audit").debug("not shown");
            context.getLogger("com.zaxxer.hikari.pool.HikariPool").info("not shown either");
            context.getLogger("org.flywaydb.core").warn("shown");
            assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.INFO);
            assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).isInstanceOf(ConsoleAppender.class);
        } finally {
            context.stop();
            System.setErr(err);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8).lines()).satisfiesExactly(
                line -> assertThat(line).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO  portcullis\\.audit - audit \\{\"type\":\"sign_in_success\"}"),
                line -> assertThat(line).matches(".*Z WARN  org\\.flywaydb\\.core - shown"));
    }

    @Test
    void aConfigurationFileNamedByTheOperatorOrOnTheClassPathWins() throws Exception {
        try (URLClassLoader empty = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            assertThat(DefaultLogging.givenElsewhere(empty, null)).isFalse();
            assertThat(DefaultLogging.givenElsewhere(empty, "/etc/portcullis/logback.xml")).isTrue();
        }
        Files.writeString(dir.resolve("logback.xml"), "<configuration/>");
        try (URLClassLoader withXml = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            assertThat(DefaultLogging.givenElsewhere(withXml, null)).isTrue();
        }
    }
}
