package io.portcullis.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Fixed windows counted in the database: a bucket's window opens with its first request and lasts the
 * rule's window; within it, the first {@code max} requests pass. Refused requests count too, so a
 * client that keeps hammering stays refused until the window ends.
 */
public final class FixedWindowRateLimiter implements RateLimiter {
    private final RateLimitStore store;
    private final RateLimitRules rules;
    private final Clock clock;

    public FixedWindowRateLimiter(RateLimitStore store, RateLimitRules rules, Clock clock) {
        this.store = store;
        this.rules = rules;
        this.clock = clock;
    }

    @Override
    public RateLimitDecision check(String client, String path) {
        RateLimitRule rule = rules.ruleFor(path);
        // Millisecond precision, like the column: the window read back must equal the one computed with.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        RateLimitStore.Window window = store.hit(client + "|" + path, now, now.minus(rule.window()));
        if (window.count() <= rule.max()) return RateLimitDecision.ALLOWED;
        return RateLimitDecision.refused(Duration.between(now, window.start().plus(rule.window())));
    }
}
