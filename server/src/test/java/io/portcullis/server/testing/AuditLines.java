package io.portcullis.server.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** The lines of the {@code portcullis.audit} logger written while this is open (tests log WARN and above otherwise). */
public final class AuditLines implements AutoCloseable {
    private final Logger logger = (Logger) LoggerFactory.getLogger("portcullis.audit");
    private final Level level = logger.getLevel();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private AuditLines() {
        logger.setLevel(Level.INFO);
        appender.start();
        logger.addAppender(appender);
    }

    public static AuditLines capture() {
        return new AuditLines();
    }

    /** The lines, so far, that mention {@code text} (an event type, a session id). */
    public List<String> mentioning(String text) {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).filter(line -> line.contains(text)).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(level);
    }
}
