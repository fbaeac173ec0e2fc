package io.portcullis.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * What this instance knows of buckets' current windows: the counts it took in the database and has
 * not handed out yet, and whether the database found the window full. A request that takes a count
 * taken in advance was counted when the count was taken, and a fixed window that is full stays full
 * until it ends: either way the answer from here is the database's, without a statement.
 *
 * <p>The last {@code leftToDatabase} of each window is not answered from here: another instance whose
 * clock runs a little ahead may already have restarted the window in the database by then, and counts
 * of the old window must not pass in the new one.
 *
 * <p>Bounded: with {@code capacity} buckets known, a further bucket is counted one request per
 * statement (see {@link #hasRoomFor}) and its full window is not remembered, so many clients cannot
 * grow the heap. Windows that have ended, and windows with nothing left to hand out and not full, are
 * swept out to make room, at most once a second.
 */
final class KnownWindows {
    /** At most one sweep per this many milliseconds, so a full map does not scan on every request. */
    private static final long SWEEP_EVERY_MS = 1_000;

    /** One bucket's window: when it ends, the counts taken and not yet handed out, and whether it is full. */
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

        /** Of no more use at {@code now}: ended, or not full with nothing left to hand out. */
        boolean spent(Instant now) {
            return !now.isBefore(end) || (!full && reserved.get() == 0);
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
     * when a count taken in advance is left (it is handed out), refused when the window is known to be
     * full; null when the database must decide.
     */
    RateLimitDecision answer(String bucket, Instant now) {
        Window window = windows.get(bucket);
        if (window == null) return null;
        if (!now.isBefore(window.end)) {
            windows.remove(bucket, window);
            return null;
        }
        if (!answersFromMemory(window.end, now)) return null;
        if (window.takeReserved()) return RateLimitDecision.ALLOWED;
        return window.full ? RateLimitDecision.refused(Duration.between(now, window.end)) : null;
    }

    /**
     * Whether counts taken in advance for this bucket at {@code now} could be kept and handed out: false
     * when its known window is in its last part, or when no room is left for one more bucket.
     */
    boolean hasRoomFor(String bucket, Instant now) {
        Window window = windows.get(bucket);
        if (window != null && now.isBefore(window.end)) return answersFromMemory(window.end, now);
        sweepIfFull(now);
        return windows.size() < capacity;
    }

    /**
     * Keeps {@code count} more counts, taken in the database for the window ending at {@code end}, to hand
     * out. Past {@code capacity} too: they were taken after {@link #hasRoomFor}, and dropping them would
     * refuse the client early; the few buckets that race past it are swept out with the others.
     */
    void reserve(String bucket, Instant end, int count, Instant now) {
        if (count <= 0 || !answersFromMemory(end, now)) return;
        merge(bucket, new Window(end, count, false), known -> {
            known.reserved.addAndGet(count);
            return known;
        });
    }

    /** Remembers that the database found the window ending at {@code end} full. Counts still held in it stay usable. */
    void full(String bucket, Instant end, Instant now) {
        if (!answersFromMemory(end, now)) return;
        sweepIfFull(now);
        if (windows.size() >= capacity && !windows.containsKey(bucket)) return;
        merge(bucket, new Window(end, 0, true), known -> {
            known.full = true;
            return known;
        });
    }

    /** Adds what is known of a window; {@code sameWindow} updates the entry already there for the same window. */
    private void merge(String bucket, Window added, UnaryOperator<Window> sameWindow) {
        // The later window wins: a slow thread must not put back a window that has already been replaced.
        windows.merge(bucket, added, (known, neu) -> known.end.isAfter(neu.end) ? known
                : known.end.equals(neu.end) ? sameWindow.apply(known) : neu);
    }

    private void sweepIfFull(Instant now) {
        if (windows.size() < capacity || now.toEpochMilli() < nextSweepMs) return;
        nextSweepMs = now.toEpochMilli() + SWEEP_EVERY_MS;
        windows.values().removeIf(w -> w.spent(now));
    }

    private boolean answersFromMemory(Instant end, Instant now) {
        return now.isBefore(end.minus(leftToDatabase));
    }

    int size() {
        return windows.size();
    }
}
