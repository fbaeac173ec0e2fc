package io.portcullis.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * What this instance knows of buckets' current windows, each until the window ends: the counts it
 * reserved in the database and has not handed out yet, and whether the database found the window
 * full. A request that takes a reserved count was counted when the count was reserved, and a fixed
 * window that is full stays full until it ends: either way the answer from here is the database's,
 * without a statement.
 *
 * <p>The last {@code leftToDatabase} of a full window is not refused from here: another instance whose
 * clock runs a little ahead may already have restarted the window in the database by then. Reserved
 * counts stay usable until the end: they were counted in this window, whoever restarts the next.
 *
 * <p>Bounded: at {@code capacity} buckets, further windows are not remembered (their requests go to
 * the database, one statement each), so many clients cannot grow the heap.
 */
final class KnownWindows {
    /** At most one sweep for ended entries per this many milliseconds, so a full map does not scan on every request. */
    private static final long SWEEP_EVERY_MS = 1_000;

    /** One bucket's window: when it ends, the counts reserved and not yet handed out, and whether it is full. */
    private static final class Window {
        final Instant end;
        final AtomicInteger reserved;
        volatile boolean full;

        Window(Instant end, int reserved, boolean full) {
            this.end = end;
            this.reserved = new AtomicInteger(reserved);
            this.full = full;
        }

        boolean takeReserved() {
            return reserved.getAndUpdate(n -> n > 0 ? n - 1 : n) > 0;
        }
    }

    private final int capacity;
    private final Duration leftToDatabase;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private volatile long nextSweepMs = Long.MIN_VALUE;

    KnownWindows(int capacity, Duration leftToDatabase) {
        this.capacity = capacity;
        this.leftToDatabase = leftToDatabase;
    }

    /**
     * The answer for one more request to the bucket at {@code now}, if it can be given from here: allowed
     * when a reserved count is left (it is taken), refused when the window is known to be full; null when
     * the database must decide.
     */
    RateLimitDecision answer(String bucket, Instant now) {
        Window window = windows.get(bucket);
        if (window == null) return null;
        if (!now.isBefore(window.end)) {
            windows.remove(bucket, window);
            return null;
        }
        if (window.takeReserved()) return RateLimitDecision.ALLOWED;
        if (window.full && refusesFromMemory(window.end, now)) return RateLimitDecision.refused(Duration.between(now, window.end));
        return null;
    }

    /** Keeps {@code count} more counts that the database reserved for this instance in the window ending at {@code end}. */
    void reserve(String bucket, Instant end, int count, Instant now) {
        if (count <= 0 || !now.isBefore(end)) return;
        remember(bucket, new Window(end, count, false), now, known -> {
            known.reserved.addAndGet(count);
            return known;
        });
    }

    /** Remembers that the database found the window ending at {@code end} full. Counts still reserved in it stay usable. */
    void full(String bucket, Instant end, Instant now) {
        if (!refusesFromMemory(end, now)) return;
        remember(bucket, new Window(end, 0, true), now, known -> {
            known.full = true;
            return known;
        });
    }

    /** Adds what is known of a window; {@code sameWindow} updates the entry already there for the same window. */
    private void remember(String bucket, Window added, Instant now, UnaryOperator<Window> sameWindow) {
        if (windows.size() >= capacity && now.toEpochMilli() >= nextSweepMs) {
            nextSweepMs = now.toEpochMilli() + SWEEP_EVERY_MS;
            windows.values().removeIf(w -> !now.isBefore(w.end));
        }
        if (windows.size() >= capacity && !windows.containsKey(bucket)) return;
        // The later window wins: a slow thread must not put back a window that has already been replaced.
        windows.merge(bucket, added, (known, neu) -> known.end.isAfter(neu.end) ? known
                : known.end.equals(neu.end) ? sameWindow.apply(known) : neu);
    }

    private boolean refusesFromMemory(Instant end, Instant now) {
        return now.isBefore(end.minus(leftToDatabase));
    }

    int size() {
        return windows.size();
    }
}
