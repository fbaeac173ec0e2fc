package io.portcullis.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HashingGateTest {
    private static final long MIB = 1024L * 1024L;

    @Test
    void runsNoMoreHashesAtOnceThanItsSizeAndTheRestWaitTheirTurn() throws Exception {
        HashingGate gate = new HashingGate(2);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                int n = i;
                results.add(pool.submit(() -> gate.run(() -> {
                    started.incrementAndGet();
                    mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    running.decrementAndGet();
                    return n;
                })));
            }
            // Two get in; the three others wait as long as those two are running.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (started.get() < 2 && System.nanoTime() < deadline) Thread.sleep(5);
            Thread.sleep(200);
            assertThat(started.get()).isEqualTo(2);
            release.countDown();
            for (int i = 0; i < 5; i++) assertThat(results.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i);
            assertThat(started.get()).isEqualTo(5);
            assertThat(mostAtOnce.get()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailingHashGivesItsPlaceBack() {
        HashingGate gate = new HashingGate(1);
        assertThatThrownBy(() -> gate.run(() -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(gate.run(() -> "next")).isEqualTo("next");
    }

    @Test
    void oneHashPerProcessorWhileHalfTheHeapHoldsThem() {
        assertThat(HashingGate.sizeFor(0, 2, 6 * 1024 * MIB)).isEqualTo(2);
        assertThat(HashingGate.sizeFor(0, 16, 6 * 1024 * MIB)).isEqualTo(16);
        // A 128 MiB heap: half of it holds three hashes of about 20 MiB.
        assertThat(HashingGate.sizeFor(0, 16, 128 * MIB)).isEqualTo(3);
        // Never none, however small the heap.
        assertThat(HashingGate.sizeFor(0, 4, 16 * MIB)).isEqualTo(1);
        assertThatThrownBy(() -> new HashingGate(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aConfiguredNumberReplacesTheProcessorsButNotTheHeapsBound() {
        assertThat(HashingGate.sizeFor(1, 16, 6 * 1024 * MIB)).isEqualTo(1);
        assertThat(HashingGate.sizeFor(8, 2, 6 * 1024 * MIB)).isEqualTo(8);
        assertThat(HashingGate.sizeFor(8, 2, 128 * MIB)).isEqualTo(3);
    }
}
