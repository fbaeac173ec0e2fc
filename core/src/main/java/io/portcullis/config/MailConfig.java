package io.portcullis.config;

/**
 * How mail leaves: {@code transport} {@code log} (the embedded default: into the server log) or
 * {@code smtp} through a relay. The {@code smtp*} values matter only for {@code smtp}.
 */
public record MailConfig(Transport transport, String from, String smtpHost, int smtpPort, String smtpUsername, Secret smtpPassword,
                         boolean smtpStarttls, boolean smtpTls) {
    public static final String DEFAULT_FROM = "Portcullis <no-reply@localhost>";
    public static final int DEFAULT_SMTP_PORT = 587;

    public enum Transport { LOG, SMTP }
}
