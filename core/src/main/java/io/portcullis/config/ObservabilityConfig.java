package io.portcullis.config;

/**
 * What the server tells its operators: whether {@code /metrics} is served and the bearer token it
 * then asks for (null: none asked), and the format of its log lines ({@code text} for people,
 * {@code json} for log collectors).
 */
public record ObservabilityConfig(boolean metricsEnabled, Secret metricsToken, LogFormat logFormat) {
    public enum LogFormat { TEXT, JSON }
}
