package io.portcullis.server.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import io.portcullis.config.ObservabilityConfig.LogFormat;
import java.util.Iterator;
import org.slf4j.LoggerFactory;

/**
 * Switches the log lines on standard error to one JSON object per event ({@code log.format=json}),
 * for collectors that parse fields instead of text. Lines written before the configuration was read
 * (a configuration error, say) stay text.
 */
public final class LogFormats {
    private LogFormats() {}

    public static void apply(LogFormat format) {
        if (format != LogFormat.JSON || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) return;
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof OutputStreamAppender<ILoggingEvent> appender) {
                JsonEncoder json = new JsonEncoder();
                json.setContext(context);
                // The formatted text is the line; the raw pattern, its arguments and the context add bulk, not meaning.
                json.setWithFormattedMessage(true);
                json.setWithMessage(false);
                json.setWithArguments(false);
                json.setWithContext(false);
                json.setWithSequenceNumber(false);
                json.setWithNanoseconds(false);
                json.start();
                appender.stop();
                appender.setEncoder(json);
                appender.start();
            }
        }
    }
}
