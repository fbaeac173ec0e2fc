package io.portcullis.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Answers concurrent lookups of single keys with as few reads as possible. A caller that finds fewer
 * than {@code maxReads} reads running runs one itself, on its own thread, for every key waiting (its
 * own and those of callers that arrived meanwhile, up to {@code maxKeys}); the other callers wait for
 * that read. Nothing waits for a timer: a caller alone runs its read at once, as it would without this
 * class, and batches form only while reads are already running, so that under load the database
 * answers many keys for the cost of one round trip.
 *
 * <p>A caller is always answered by a read that started after it asked: keys are taken from the queue
 * when a read starts, never added to a read already running. A read that fails fails every caller in
 * it with the same exception. A caller whose key no read has taken within {@code maxQueueWait} (reads
 * stuck on a database that stopped answering) takes it back and reads it alone, as it would without
 * this class, instead of waiting for the stuck reads.
 */
final class CoalescingLookup<K, V> {
    private final Function<List<K>, Map<K, V>> read;
    private final int maxKeys;
    private final Semaphore reads;
    private final long maxQueueWaitNanos;
    private final ConcurrentLinkedQueue<Pending<K, V>> waiting = new ConcurrentLinkedQueue<>();

    /**
     * @param read         answers a list of distinct keys with the values found (a key not found is absent)
     * @param maxKeys      at most this many keys in one read
     * @param maxReads     at most this many reads running at once, besides the reads of callers whose wait ran out
     * @param maxQueueWait how long a key may wait for a read to take it before its caller reads it alone
     */
    CoalescingLookup(Function<List<K>, Map<K, V>> read, int maxKeys, int maxReads, Duration maxQueueWait) {
        if (maxKeys < 1 || maxReads < 1) throw new IllegalArgumentException("maxKeys and maxReads must be at least 1");
        this.read = read;
        this.maxKeys = maxKeys;
        this.reads = new Semaphore(maxReads);
        this.maxQueueWaitNanos = maxQueueWait.toNanos();
    }

    /** @return the value read for the key, or empty when the read found none */
    Optional<V> find(K key) {
        // Cleared while waiting and reading, restored at the end: a read for many callers must not fail
        // because one of them was interrupted (a pool refuses an interrupted thread its connection).
        boolean interrupted = Thread.interrupted();
        Pending<K, V> mine = new Pending<>(key, Thread.currentThread());
        waiting.add(mine);
        long deadline = System.nanoTime() + maxQueueWaitNanos;
        boolean pastDeadline = false;
        while (!mine.done) {
            if (reads.tryAcquire()) {
                try {
                    readWaiting();
                } finally {
                    reads.release();
                    wakeNextReader();
                }
            } else if (!pastDeadline && System.nanoTime() - deadline >= 0) {
                pastDeadline = true;
                if (waiting.remove(mine)) {
                    wakeNextReader(); // it may have been woken to read next, as this caller was
                    readAndAnswer(List.of(mine));
                } // else a read has taken it: its answer comes
            } else {
                // Woken by the read that answers this caller, by a reader that finished, or at the deadline.
                if (pastDeadline) LockSupport.park(this);
                else LockSupport.parkNanos(this, deadline - System.nanoTime());
                if (Thread.interrupted()) interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        return mine.result();
    }

    /** Keys queued while a read ran may have no reader yet: their callers are parked, so the first is woken. */
    private void wakeNextReader() {
        Pending<K, V> next = waiting.peek();
        if (next != null) LockSupport.unpark(next.caller);
    }

    private void readWaiting() {
        List<Pending<K, V>> batch = new ArrayList<>();
        Pending<K, V> p;
        while (batch.size() < maxKeys && (p = waiting.poll()) != null) batch.add(p);
        if (!batch.isEmpty()) readAndAnswer(batch);
    }

    private void readAndAnswer(List<Pending<K, V>> batch) {
        try {
            Map<K, V> found = read.apply(batch.stream().map(each -> each.key).distinct().toList());
            for (Pending<K, V> each : batch) each.complete(found.get(each.key));
        } catch (Throwable e) {
            // Whatever went wrong, no caller of this batch is left waiting (their keys are out of the queue),
            // and each hears of it; the reader's own key may be in another batch, so it is not thrown here.
            for (Pending<K, V> each : batch) {
                if (!each.done) each.fail(e);
            }
        }
    }

    private static final class Pending<K, V> {
        final K key;
        final Thread caller;
        private V value;
        private Throwable failure;
        // Written last: a caller that sees it true sees the value or the failure.
        volatile boolean done;

        Pending(K key, Thread caller) {
            this.key = key;
            this.caller = caller;
        }

        void complete(V found) {
            value = found;
            done = true;
            wake();
        }

        void fail(Throwable e) {
            failure = e;
            done = true;
            wake();
        }

        // The reader answers its own key too: a permit left on its own thread would cut short its next park elsewhere.
        private void wake() {
            if (caller != Thread.currentThread()) LockSupport.unpark(caller);
        }

        Optional<V> result() {
            if (failure instanceof RuntimeException e) throw e;
            if (failure instanceof Error e) throw e;
            if (failure != null) throw new IllegalStateException("the read failed", failure);
            return Optional.ofNullable(value);
        }
    }
}
