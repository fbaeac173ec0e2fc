package io.portcullis.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * The server's logging, set up in code (found by Logback through {@code META-INF/services}): one line
 * per event on standard error, so that what a command prints as its result stays alone on standard
 * output; INFO and up, WARN and up for the libraries. The same as an XML file would say, without the
 * XML parser's share of every start-up. A {@code -Dlogback.configurationFile=…} or a
 * {@code logback.xml} / {@code logback-test.xml} on the class path still wins.
 * Nothing Portcullis logs holds a token, hash or password, except the mail that {@code mail.transport=log}
 * writes here (logger {@code portcullis.mail}) on purpose, links included.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_LOW_PRIORITY)
public final class DefaultLogging extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level %logger{20} - %msg%n";
    private static final Map<String, Level> LIBRARIES = Map.of(
            "org.eclipse.jetty", Level.WARN, "com.zaxxer.hikari", Level.WARN, "org.flywaydb", Level.WARN, "io.javalin", Level.WARN);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (givenElsewhere(DefaultLogging.class.getClassLoader(), System.getProperty(ContextInitializer.CONFIG_FILE_PROPERTY))) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** True when the operator named a configuration file, or the class path holds one of Logback's own. */
    static boolean givenElsewhere(ClassLoader loader, String configurationFile) {
        return configurationFile != null || loader.getResource(ContextInitializer.TEST_AUTOCONFIG_FILE) != null
                || loader.getResource(ContextInitializer.AUTOCONFIG_FILE) != null;
    }

    static void apply(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        LIBRARIES.forEach((name, level) -> context.getLogger(name).setLevel(level));
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stderr);
    }
}
