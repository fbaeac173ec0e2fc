package io.portcullis.password;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Lets at most a fixed number of password hashes run at once; the others wait their turn, first
 * come, first served. Each Argon2id run holds {@value PasswordHasher#MEMORY_KIB} KiB of heap and a
 * whole core for its duration, so running more of them at once than there are cores finishes none
 * of them sooner, and a burst of sign-ins would otherwise need that memory once per request.
 */
final class HashingGate {
    /** Argon2id's working memory plus room for the rest of a request, per concurrent hash. */
    static final long BYTES_PER_HASH = (PasswordHasher.MEMORY_KIB + 1024L) * 1024L;

    private final Semaphore permits;
    private final int slots;

    HashingGate(int size) {
        if (size < 1) throw new IllegalArgumentException("size must be at least 1: " + size);
        this.permits = new Semaphore(size, true);
        this.slots = size;
    }

    /** How many hashes may run at once. */
    int slots() {
        return slots;
    }

    /**
     * {@code wanted}, or one per processor when it is 0, and never more than half of the largest heap
     * the JVM may grow to can hold.
     */
    static HashingGate forThisMachine(int wanted) {
        return new HashingGate(sizeFor(wanted, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory()));
    }

    static int sizeFor(int wanted, int processors, long maxHeapBytes) {
        long byMemory = (maxHeapBytes / 2) / BYTES_PER_HASH;
        return (int) Math.max(1, Math.min(wanted > 0 ? wanted : processors, byMemory));
    }

    <T> T run(Supplier<T> hash) {
        permits.acquireUninterruptibly();
        try {
            return hash.get();
        } finally {
            permits.release();
        }
    }
}
