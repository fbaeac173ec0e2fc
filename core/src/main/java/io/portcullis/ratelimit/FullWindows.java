package io.portcullis.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Buckets whose current window this instance has seen full, each until shortly before its window ends.
 * A fixed window that is full stays full until it ends, so a request to such a bucket gets the same
 * answer from here as from the database: a client that keeps hammering its limit costs no statement.
 *
 * <p>The last {@code leftToDatabase} of each window is not answered from here: another instance whose
 * clock runs a little ahead may already have restarted the window in the database by then.
 *
 * <p>Bounded: at {@code capacity} entries, further full windows are not remembered (their requests go
 * to the database, as without this), so many clients cannot grow the heap.
 */
final class FullWindows {
    /** At most one sweep for ended entries per this many milliseconds, so a full map does not scan on every refusal. */
    private static final long SWEEP_EVERY_MS = 1_000;

    private final int capacity;
    private final Duration leftToDatabase;
    private final ConcurrentHashMap<String, Instant> endOfWindow = new ConcurrentHashMap<>();
    private volatile long nextSweepMs = Long.MIN_VALUE;

    FullWindows(int capacity, Duration leftToDatabase) {
        this.capacity = capacity;
        this.leftToDatabase = leftToDatabase;
    }

    /** When the bucket's window is known to be full at {@code now}: when that window ends; otherwise null. */
    Instant endOfFullWindow(String bucket, Instant now) {
        Instant end = endOfWindow.get(bucket);
        if (end == null) return null;
        if (answersFromMemory(end, now)) return end;
        endOfWindow.remove(bucket, end);
        return null;
    }

    /** Remembers that the bucket's window is full until {@code end} (when there is room and time). */
    void remember(String bucket, Instant end, Instant now) {
        if (!answersFromMemory(end, now)) return;
        if (endOfWindow.size() >= capacity && now.toEpochMilli() >= nextSweepMs) {
            nextSweepMs = now.toEpochMilli() + SWEEP_EVERY_MS;
            endOfWindow.values().removeIf(e -> !answersFromMemory(e, now));
        }
        // The later end wins: a slow thread must not put back a window that has already been replaced.
        if (endOfWindow.size() < capacity) endOfWindow.merge(bucket, end, (a, b) -> a.isAfter(b) ? a : b);
    }

    private boolean answersFromMemory(Instant end, Instant now) {
        return now.isBefore(end.minus(leftToDatabase));
    }

    int size() {
        return endOfWindow.size();
    }
}
