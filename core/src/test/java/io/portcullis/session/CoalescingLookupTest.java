package io.portcullis.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Concurrent lookups answered together. The read is a function of its keys (each key's value is the
 * key in upper case, "missing" has none); a latch holds the first read so that the others queue.
 */
class CoalescingLookupTest {
    private static final Duration LONG = Duration.ofMinutes(1);

    private final List<List<String>> reads = new CopyOnWriteArrayList<>();
    private final List<Thread> readers = new CopyOnWriteArrayList<>();
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    /** Records each read; the first one waits for {@code firstReadMayEnd}. */
    private Function<List<String>, Map<String, String>> reading(CountDownLatch firstReadStarted, CountDownLatch firstReadMayEnd) {
        return keys -> {
            reads.add(keys);
            readers.add(Thread.currentThread());
            if (reads.size() == 1) {
                firstReadStarted.countDown();
                await(firstReadMayEnd);
            }
            return keys.stream().filter(k -> !k.equals("missing")).collect(Collectors.toMap(k -> k, String::toUpperCase));
        };
    }

    /** A lookup whose first read, of k0, has started and holds until {@code mayEnd}, so that other lookups queue. */
    private record FirstReadHeld(CoalescingLookup<String, String> lookup, Future<Optional<String>> first, CountDownLatch mayEnd) {}

    private FirstReadHeld holdFirstRead(int maxKeys) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1), mayEnd = new CountDownLatch(1);
        var lookup = new CoalescingLookup<>(reading(started, mayEnd), maxKeys, 1, LONG);
        Future<Optional<String>> first = callers.submit(() -> lookup.find("k0"));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        return new FirstReadHeld(lookup, first, mayEnd);
    }

    private Function<List<String>, Map<String, String>> reading() {
        return reading(new CountDownLatch(1), new CountDownLatch(0));
    }

    @Test
    void aLookupAloneIsReadAtOnceOnTheCallersThread() {
        var lookup = new CoalescingLookup<>(reading(), 64, 1, LONG);

        assertThat(lookup.find("a")).contains("A");
        assertThat(lookup.find("missing")).isEmpty();

        assertThat(reads).containsExactly(List.of("a"), List.of("missing"));
        assertThat(readers).containsOnly(Thread.currentThread());
    }

    @Test
    void aReaderLeavesNoWakeUpBehindOnItsOwnThread() throws Exception {
        Function<List<String>, Map<String, String>> read = keys -> {
            if (keys.contains("fails")) throw new IllegalStateException("the database is down");
            return Map.of("a", "A");
        };
        var lookup = new CoalescingLookup<>(read, 64, 1, LONG);
        // On a new thread, which no other test's lookups know (they may still wake their callers).
        Future<Duration> nextPark = callers.submit(() -> {
            assertThat(lookup.find("a")).contains("A");
            assertThatThrownBy(() -> lookup.find("fails")).isInstanceOf(IllegalStateException.class);
            // A permit left by the lookups would end this park at once: the thread's next wait (for a pooled
            // connection, for the next request) would wake for nothing.
            long start = System.nanoTime();
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            return Duration.ofNanos(System.nanoTime() - start);
        });
        assertThat(nextPark.get(10, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    void lookupsMadeWhileAReadRunsAreAnsweredTogetherByTheNextReadEachWithItsOwnValue() throws Exception {
        FirstReadHeld held = holdFirstRead(64);

        List<Future<Optional<String>>> queued = new ArrayList<>();
        List<String> keys = List.of("k1", "k2", "missing", "k3", "k4", "k5", "k6", "k7");
        for (String key : keys) queued.add(callers.submit(() -> held.lookup().find(key)));
        waitUntilParked(keys.size());
        held.mayEnd().countDown();

        assertThat(held.first().get(10, TimeUnit.SECONDS)).contains("K0");
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            assertThat(queued.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(key.equals("missing") ? Optional.empty() : Optional.of(key.toUpperCase()));
        }
        // The running read took only the key that was waiting when it started; the next one took all the others.
        assertThat(reads).hasSize(2);
        assertThat(reads.get(0)).containsExactly("k0");
        assertThat(reads.get(1)).containsExactlyInAnyOrderElementsOf(keys);
    }

    @Test
    void aReadTakesAtMostMaxKeysAndTheRestGoToTheNextReads() throws Exception {
        FirstReadHeld held = holdFirstRead(3);
        List<Future<Optional<String>>> queued = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            String key = "k" + i;
            queued.add(callers.submit(() -> held.lookup().find(key)));
        }
        waitUntilParked(7);
        held.mayEnd().countDown();

        assertThat(held.first().get(10, TimeUnit.SECONDS)).contains("K0");
        for (int i = 0; i < 7; i++) assertThat(queued.get(i).get(10, TimeUnit.SECONDS)).contains("K" + (i + 1));
        assertThat(reads).allSatisfy(keys -> assertThat(keys).hasSizeLessThanOrEqualTo(3));
        assertThat(reads.stream().mapToInt(List::size).sum()).isEqualTo(8);
        assertThat(reads).hasSize(4); // k0, then 7 keys in reads of 3, 3 and 1
    }

    @Test
    void callersOfTheSameKeyShareOneKeyOfTheReadAndBothGetTheValue() throws Exception {
        FirstReadHeld held = holdFirstRead(64);
        Future<Optional<String>> one = callers.submit(() -> held.lookup().find("same"));
        Future<Optional<String>> two = callers.submit(() -> held.lookup().find("same"));
        waitUntilParked(2);
        held.mayEnd().countDown();

        assertThat(held.first().get(10, TimeUnit.SECONDS)).contains("K0");
        assertThat(one.get(10, TimeUnit.SECONDS)).contains("SAME");
        assertThat(two.get(10, TimeUnit.SECONDS)).contains("SAME");
        assertThat(reads.get(1)).containsExactly("same");
    }

    @Test
    void aFailedReadFailsEveryCallerInItAndTheNextLookupsAreReadAgain() throws Exception {
        CountDownLatch started = new CountDownLatch(1), mayEnd = new CountDownLatch(1);
        IllegalStateException down = new IllegalStateException("the database is down");
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        var lookup = new CoalescingLookup<String, String>(keys -> {
            attempts.add(keys.size());
            if (attempts.size() == 1) {
                started.countDown();
                await(mayEnd);
                return Map.of();
            }
            if (attempts.size() == 2) throw down;
            return keys.stream().collect(Collectors.toMap(k -> k, String::toUpperCase));
        }, 64, 1, LONG);
        Future<Optional<String>> first = callers.submit(() -> lookup.find("k0"));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        List<Future<Optional<String>>> failing = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            String key = "k" + i;
            failing.add(callers.submit(() -> lookup.find(key)));
        }
        waitUntilParked(4);
        mayEnd.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEmpty();
        for (Future<Optional<String>> f : failing) {
            assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).hasCause(down);
        }
        assertThat(attempts).containsExactly(1, 4);
        assertThat(lookup.find("k1")).contains("K1");
    }

    @Test
    void aReadThatThrowsAnErrorOrAnswersNothingUsableFailsItsCallersInsteadOfLeavingThemWaiting() throws Exception {
        for (Function<List<String>, Map<String, String>> broken : List.<Function<List<String>, Map<String, String>>>of(
                keys -> { throw new OutOfMemoryError("no room"); },
                keys -> null)) {
            CountDownLatch started = new CountDownLatch(1), mayEnd = new CountDownLatch(1);
            List<Integer> attempts = new CopyOnWriteArrayList<>();
            var lookup = new CoalescingLookup<String, String>(keys -> {
                attempts.add(keys.size());
                if (attempts.size() > 1) return broken.apply(keys);
                started.countDown();
                await(mayEnd);
                return Map.of();
            }, 64, 1, LONG);
            Future<Optional<String>> first = callers.submit(() -> lookup.find("k0"));
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Optional<String>> one = callers.submit(() -> lookup.find("k1"));
            Future<Optional<String>> two = callers.submit(() -> lookup.find("k2"));
            waitUntilParked(2);
            mayEnd.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS)).isEmpty();
            assertThatThrownBy(() -> one.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
            assertThatThrownBy(() -> two.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
            assertThat(attempts).containsExactly(1, 2);
        }
    }

    @Test
    void aCallerInterruptedBeforeItAsksReadsWithoutItsInterruptAndGetsItBack() {
        List<Boolean> readInterrupted = new CopyOnWriteArrayList<>();
        var lookup = new CoalescingLookup<String, String>(keys -> {
            readInterrupted.add(Thread.currentThread().isInterrupted());
            return Map.of("k", "K");
        }, 64, 1, LONG);

        Thread.currentThread().interrupt();
        Optional<String> found = lookup.find("k");

        assertThat(Thread.interrupted()).isTrue();
        assertThat(found).contains("K");
        assertThat(readInterrupted).containsExactly(false);
    }

    @Test
    void aCallerWhoseKeyNoReadTookWithinTheWaitReadsItAloneWhileTheStuckReadGoesOn() throws Exception {
        CountDownLatch started = new CountDownLatch(1), never = new CountDownLatch(1);
        var lookup = new CoalescingLookup<>(reading(started, never), 64, 1, Duration.ofMillis(200));
        Future<Optional<String>> stuck = callers.submit(() -> lookup.find("k0"));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        long t0 = System.nanoTime();
        assertThat(CompletableFuture.supplyAsync(() -> lookup.find("k1"), callers).get(10, TimeUnit.SECONDS)).contains("K1");

        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(reads).containsExactly(List.of("k0"), List.of("k1"));
        assertThat(stuck).isNotDone();
        never.countDown();
        assertThat(stuck.get(10, TimeUnit.SECONDS)).contains("K0");
    }

    @Test
    void anInterruptedCallerStillGetsItsValueAndKeepsItsInterrupt() throws Exception {
        FirstReadHeld held = holdFirstRead(64);
        CompletableFuture<Boolean> stillInterrupted = new CompletableFuture<>();
        CompletableFuture<Optional<String>> value = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            value.complete(held.lookup().find("k1"));
            stillInterrupted.complete(Thread.currentThread().isInterrupted());
        });
        caller.start();
        waitUntilParked(1);
        caller.interrupt();
        Thread.sleep(50); // the interrupted caller goes on waiting: it may not spin, nor give up
        assertThat(value).isNotDone();
        held.mayEnd().countDown();

        assertThat(held.first().get(10, TimeUnit.SECONDS)).contains("K0");
        assertThat(value.get(10, TimeUnit.SECONDS)).contains("K1");
        assertThat(stillInterrupted.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void manyCallersOnManyThreadsEachGetTheirOwnValue() throws Exception {
        var lookup = new CoalescingLookup<String, String>(keys -> keys.stream().collect(Collectors.toMap(k -> k, String::toUpperCase)),
                8, 2, LONG);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            int thread = t;
            results.add(callers.submit(() -> {
                for (int i = 0; i < 2_000; i++) {
                    String key = "t" + thread + "-" + i;
                    if (!lookup.find(key).equals(Optional.of(key.toUpperCase()))) return false;
                }
                return true;
            }));
        }
        for (Future<Boolean> r : results) assertThat(r.get(60, TimeUnit.SECONDS)).isTrue();
    }

    /** Waits until {@code count} threads are parked in a lookup (queued behind the running read). */
    private static void waitUntilParked(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (parkedInLookup() < count) {
            if (System.nanoTime() > deadline) throw new AssertionError("fewer than " + count + " callers queued");
            Thread.sleep(5);
        }
    }

    private static long parkedInLookup() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getState() == Thread.State.WAITING || e.getKey().getState() == Thread.State.TIMED_WAITING)
                .map(e -> Arrays.stream(e.getValue())
                        .filter(f -> !f.getClassName().equals("jdk.internal.misc.Unsafe") && !f.getClassName().equals(LockSupport.class.getName()))
                        .findFirst())
                .filter(caller -> caller.isPresent() && caller.get().getClassName().equals(CoalescingLookup.class.getName())
                        && caller.get().getMethodName().equals("find"))
                .count();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
