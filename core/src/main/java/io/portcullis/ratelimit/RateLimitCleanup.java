package io.portcullis.ratelimit;

import io.portcullis.db.KeyedCleanup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the counters of windows that are over, in small batches, so no statement holds many locks.
 * A row does not record its rule, so a row counts as over once the longest window of any rule has
 * passed since it started: shorter windows linger a little, and a hit on them restarts them anyway.
 * Safe when several instances run it.
 */
public final class RateLimitCleanup {
    static final int BATCH_SIZE = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(RateLimitCleanup.class);

    private final RateLimitStore store;
    private final Duration longestWindow;
    private final Clock clock;
    private final int batchSize;

    public RateLimitCleanup(RateLimitStore store, RateLimitRules rules, Clock clock) {
        this(store, rules.longestWindow(), clock, BATCH_SIZE);
    }

    RateLimitCleanup(RateLimitStore store, Duration longestWindow, Clock clock, int batchSize) {
        this.store = store;
        this.longestWindow = longestWindow;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    /** Deletes every counter whose window is over now, batch by batch. @return how many rows were deleted */
    public int run() {
        Instant before = clock.instant().truncatedTo(ChronoUnit.MILLIS).minus(longestWindow);
        int total = KeyedCleanup.untilDone(() -> store.deleteEndedBatch(before, batchSize), batchSize);
        if (total > 0) LOG.debug("rate-limit cleanup deleted {} ended windows", total);
        return total;
    }
}
