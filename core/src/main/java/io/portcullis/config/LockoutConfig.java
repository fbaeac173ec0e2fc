package io.portcullis.config;

import java.time.Duration;

/**
 * Account lockout: after {@code maxFailures} consecutive failures an account is locked for
 * {@code duration}, each further lock without a success {@code multiplier} times longer, at most
 * {@code maxDuration}; {@code resetAfter} without a failure forgets the count.
 */
public record LockoutConfig(int maxFailures, Duration duration, int multiplier, Duration maxDuration, Duration resetAfter) {
    public static final int DEFAULT_MAX_FAILURES = 5;
    public static final Duration DEFAULT_DURATION = Duration.ofMinutes(15);
    public static final int DEFAULT_MULTIPLIER = 2;
    public static final Duration DEFAULT_MAX_DURATION = Duration.ofHours(24);
    public static final Duration DEFAULT_RESET_AFTER = Duration.ofHours(12);

    /** The length of the {@code lockNumber}-th lock in a row (1 for the first). */
    public Duration lockLength(int lockNumber) {
        Duration length = duration;
        for (int i = 1; i < lockNumber && length.compareTo(maxDuration) < 0; i++) length = length.multipliedBy(multiplier);
        return length.compareTo(maxDuration) > 0 ? maxDuration : length;
    }
}
