package io.portcullis.config;

import java.nio.file.Path;

/**
 * How mail leaves: {@code transport} {@code log} (the embedded default: into the server log) or
 * {@code smtp} through a relay. The {@code smtp*} values matter only for {@code smtp}.
 * {@code templatesDir} (may be null) holds an operator's replacements for the built-in texts.
 */
public record MailConfig(Transport transport, String from, String smtpHost, int smtpPort, String smtpUsername, Secret smtpPassword,
                         boolean smtpStarttls, boolean smtpTls, Path templatesDir) {
    public static final String DEFAULT_FROM = "Portcullis <no-reply@localhost>";
    public static final int DEFAULT_SMTP_PORT = 587;

    public enum Transport { LOG, SMTP }
}
