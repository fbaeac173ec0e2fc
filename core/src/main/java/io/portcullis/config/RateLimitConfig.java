package io.portcullis.config;

import io.portcullis.ratelimit.RateLimitRule;
import java.time.Duration;
import java.util.List;

/**
 * Rate limiting. {@code rules} is the effective set: the default rule {@code /*} (from
 * {@code rateLimit.window} and {@code rateLimit.max}), the built-in rules, and {@code rateLimit.rules},
 * each of which replaces the built-in rule of the same path or adds one.
 */
public record RateLimitConfig(boolean enabled, List<RateLimitRule> rules) {
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX = 100;
    /** Tight where a request guesses a secret or costs a password hash, tighter still where it sends mail. */
    public static final List<RateLimitRule> BUILT_IN_RULES = List.of(
            new RateLimitRule("/sign-in/*", Duration.ofSeconds(10), 5),
            new RateLimitRule("/sign-up/*", Duration.ofSeconds(10), 5),
            new RateLimitRule("/change-password", Duration.ofSeconds(10), 5),
            new RateLimitRule("/two-factor/*", Duration.ofSeconds(10), 5),
            new RateLimitRule("/request-password-reset", Duration.ofSeconds(60), 3),
            new RateLimitRule("/send-verification-email", Duration.ofSeconds(60), 3));
    static final Duration MIN_WINDOW = Duration.ofSeconds(1);
    static final Duration MAX_WINDOW = Duration.ofDays(1);
    static final int MAX_MAX = 1_000_000;

    public RateLimitConfig {
        rules = List.copyOf(rules);
    }
}
