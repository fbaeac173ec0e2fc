package io.portcullis.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Races for concurrency tests: the same call on many threads, released at once. */
public final class Parallel {
    private Parallel() {}

    /** A call that knows which of the racing threads it runs on. */
    @FunctionalInterface
    public interface IndexedCall<T> {
        T run(int index) throws Exception;
    }

    /** Runs {@code call} on {@code threads} threads released at once; returns each thread's result, in thread order. */
    public static <T> List<T> race(int threads, IndexedCall<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.run(index);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) results.add(f.get());
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
