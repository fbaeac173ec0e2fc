package io.portcullis.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Fixed windows counted in the database: a bucket's window opens with its first request and lasts the
 * rule's window; within it, the first {@code max} requests pass. Once a window is full it stays full
 * until it ends, so this instance then refuses that bucket from memory ({@link FullWindows}) without
 * a statement, until the window's last second: a client that keeps hammering stays refused until the
 * window ends, at almost no cost to the database.
 */
public final class FixedWindowRateLimiter implements RateLimiter {
    /** Full windows remembered at most: about 2 MB of heap at worst. */
    static final int FULL_WINDOWS_REMEMBERED = 10_000;
    /** The last part of a full window, decided by the database again rather than from memory (see FullWindows). */
    static final Duration LEFT_TO_DATABASE = Duration.ofSeconds(1);

    private final RateLimitStore store;
    private final RateLimitRules rules;
    private final Clock clock;
    private final FullWindows fullWindows = new FullWindows(FULL_WINDOWS_REMEMBERED, LEFT_TO_DATABASE);

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
        String bucket = client + "|" + path;
        Instant knownFullUntil = fullWindows.endOfFullWindow(bucket, now);
        if (knownFullUntil != null) return RateLimitDecision.refused(Duration.between(now, knownFullUntil));
        RateLimitStore.Window window = store.hit(bucket, now, now.minus(rule.window()));
        if (window.count() <= rule.max()) return RateLimitDecision.ALLOWED;
        // The database restarts this window for a hit at or after its end (window_start <= now - window).
        Instant end = window.start().plus(rule.window());
        fullWindows.remember(bucket, end, now);
        return RateLimitDecision.refused(Duration.between(now, end));
    }
}
