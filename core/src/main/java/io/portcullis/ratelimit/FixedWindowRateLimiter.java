package io.portcullis.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Fixed windows counted in the database: a bucket's window opens with its first request and lasts the
 * rule's window; within it, the first {@code max} requests pass.
 *
 * <p>A statement counts a tenth of the rule's {@code max} at once (at least one, so rules of up to 19
 * count each request): this request, and counts taken in advance for the next requests of the same
 * bucket on this instance ({@link KnownWindows}), which pass without a statement. What the database
 * counts never lets more than {@code max} pass, on any number of instances; a client that spreads its
 * requests over several instances may be refused a little early, by the counts the others hold. In a
 * window's last second, and for buckets beyond what this instance can remember, every request is
 * counted on its own.
 *
 * <p>Once the database has found a window full, this instance refuses that bucket from memory, without
 * a statement, until the window's last second: a client that keeps hammering stays refused until the
 * window ends, at almost no cost to the database.
 */
public final class FixedWindowRateLimiter implements RateLimiter {
    /** Buckets remembered at most: 2 to 3 MB of heap at worst. */
    static final int WINDOWS_REMEMBERED = 10_000;
    /** The last part of every window, decided by the database again, one request per statement (see KnownWindows). */
    static final Duration LEFT_TO_DATABASE = Duration.ofSeconds(1);
    /** A statement counts this share of a rule's max: 10 for the default rule's 100. */
    static final int COUNTED_PER_STATEMENT_DIVISOR = 10;

    private final RateLimitStore store;
    private final RateLimitRules rules;
    private final Clock clock;
    private final KnownWindows known;

    public FixedWindowRateLimiter(RateLimitStore store, RateLimitRules rules, Clock clock) {
        this(store, rules, clock, WINDOWS_REMEMBERED);
    }

    FixedWindowRateLimiter(RateLimitStore store, RateLimitRules rules, Clock clock, int windowsRemembered) {
        this.store = store;
        this.rules = rules;
        this.clock = clock;
        this.known = new KnownWindows(windowsRemembered, LEFT_TO_DATABASE);
    }

    @Override
    public RateLimitDecision check(String client, String path) {
        RateLimitRule rule = rules.ruleFor(path);
        // Millisecond precision, like the column: the window read back must equal the one computed with.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String bucket = client + "|" + path;
        RateLimitDecision fromMemory = known.answer(bucket, now);
        if (fromMemory != null) return fromMemory;
        int counted = known.hasRoomFor(bucket, now) ? countedPerStatement(rule) : 1;
        RateLimitStore.Window window = store.hit(bucket, now, now.minus(rule.window()), counted);
        // The database restarts this window for a hit at or after its end (window_start <= now - window).
        Instant end = window.start().plus(rule.window());
        // Of the counts this hit added, those beyond max were not granted.
        int granted = counted - Math.max(0, window.count() - rule.max());
        if (granted > 0) {
            known.reserve(bucket, end, granted - 1, now);
            return RateLimitDecision.ALLOWED;
        }
        known.full(bucket, end, now);
        // Parallel requests of this instance may have taken counts they have not handed out yet: they are this request's too.
        RateLimitDecision reserved = known.answer(bucket, now);
        return reserved != null && reserved.allowed() ? reserved : RateLimitDecision.refused(Duration.between(now, end));
    }

    /** How many requests one statement counts for a bucket of this rule. */
    static int countedPerStatement(RateLimitRule rule) {
        return Math.max(1, rule.max() / COUNTED_PER_STATEMENT_DIVISOR);
    }
}
