package io.portcullis.ratelimit;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Buckets whose current window this instance has seen full, each until its window ends. A fixed window
 * that is full stays full until it ends, so a request to such a bucket gets the same answer from here
 * as from the database: a client that keeps hammering its limit costs no statement.
 *
 * <p>Bounded: at {@code capacity} live entries, further full windows are not remembered (their
 * requests go to the database, as without this), so many clients cannot grow the heap.
 */
final class FullWindows {
    /** At most one sweep for ended entries per this many milliseconds, so a full map does not scan on every refusal. */
    private static final long SWEEP_EVERY_MS = 1_000;

    private final int capacity;
    private final ConcurrentHashMap<String, Instant> endOfWindow = new ConcurrentHashMap<>();
    private volatile long nextSweepMs = Long.MIN_VALUE;

    FullWindows(int capacity) {
        this.capacity = capacity;
    }

    /** When the bucket's window is known to be full at {@code now}: when it ends; otherwise null. */
    Instant endOfFullWindow(String bucket, Instant now) {
        Instant end = endOfWindow.get(bucket);
        if (end == null) return null;
        if (now.isBefore(end)) return end;
        endOfWindow.remove(bucket, end);
        return null;
    }

    /** Remembers that the bucket's window is full until {@code end} (when there is room). */
    void remember(String bucket, Instant end, Instant now) {
        if (endOfWindow.size() >= capacity && now.toEpochMilli() >= nextSweepMs) {
            nextSweepMs = now.toEpochMilli() + SWEEP_EVERY_MS;
            endOfWindow.values().removeIf(e -> !now.isBefore(e));
        }
        if (endOfWindow.size() < capacity) endOfWindow.put(bucket, end);
    }

    int size() {
        return endOfWindow.size();
    }
}
