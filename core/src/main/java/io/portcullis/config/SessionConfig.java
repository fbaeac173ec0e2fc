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
        Duration cleanupInterval,
        int maxPerUser,
        Overflow overflow) {
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(30);
    public static final Duration DEFAULT_ABSOLUTE_TIMEOUT = Duration.ofDays(30);
    public static final Duration DEFAULT_UPDATE_AGE = Duration.ofMinutes(5);
    public static final Duration DEFAULT_REMEMBER_ME_IDLE_TIMEOUT = Duration.ofDays(14);
    public static final Duration DEFAULT_CLEANUP_INTERVAL = Duration.ofMinutes(5);
    /** No cap on live sessions per user. */
    public static final int DEFAULT_MAX_PER_USER = 0;

    /** What a new session does to a user already at {@code maxPerUser}. */
    public enum Overflow {
        /** The least recently active session is revoked to make room. */
        EVICT_OLDEST("evict-oldest"),
        /** The new sign-in is refused with {@code TOO_MANY_SESSIONS}. */
        REJECT("reject");

        private final String configName;

        Overflow(String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }

        static Overflow fromConfigName(String name) {
            for (Overflow o : values()) if (o.configName.equals(name)) return o;
            throw new IllegalArgumentException(name);
        }
    }

    /** The idle timeout that applies to a session created with the given {@code rememberMe}. */
    public Duration idleTimeoutFor(boolean rememberMe) {
        return rememberMe && rememberMeEnabled ? rememberMeIdleTimeout : idleTimeout;
    }
}
