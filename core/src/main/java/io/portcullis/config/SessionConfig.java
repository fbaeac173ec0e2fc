package io.portcullis.config;

import java.time.Duration;

/**
 * Session lifetimes. A session is valid while {@code now < expires_at} and
 * {@code now < absolute_expires_at}; activity is written at most once per {@code updateAge}.
 */
public record SessionConfig(
        Duration idleTimeout,
        Duration absoluteTimeout,
        Duration updateAge,
        boolean rememberMeEnabled,
        Duration rememberMeIdleTimeout,
        Duration cleanupInterval) {
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(30);
    public static final Duration DEFAULT_ABSOLUTE_TIMEOUT = Duration.ofDays(30);
    public static final Duration DEFAULT_UPDATE_AGE = Duration.ofMinutes(5);
    public static final Duration DEFAULT_REMEMBER_ME_IDLE_TIMEOUT = Duration.ofDays(14);
    public static final Duration DEFAULT_CLEANUP_INTERVAL = Duration.ofMinutes(5);

    /** The idle timeout that applies to a session created with the given {@code rememberMe}. */
    public Duration idleTimeoutFor(boolean rememberMe) {
        return rememberMe && rememberMeEnabled ? rememberMeIdleTimeout : idleTimeout;
    }
}
