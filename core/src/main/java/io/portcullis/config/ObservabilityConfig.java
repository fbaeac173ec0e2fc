package io.portcullis.config;

/**
 * What the server tells its operators: whether {@code /metrics} is served, and the format of its log
 * lines ({@code text} for people, {@code json} for log collectors).
 */
public record ObservabilityConfig(boolean metricsEnabled, LogFormat logFormat) {
    public enum LogFormat { TEXT, JSON }
}
