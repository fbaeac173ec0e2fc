package io.portcullis.bench;

import io.portcullis.password.PasswordHasher;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The bare cost of the Argon2id check a sign-in makes, with Portcullis's own hasher and parameters
 * (m=19456 KiB, t=2, p=1): the floor that the HTTP sign-in latency of bench/run.sh is compared with.
 * The warm-up is long because the JIT needs on the order of a hundred hashes to compile Argon2id fully.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class PasswordHashBenchmark {
    private static final String PASSWORD = "correct horse battery staple";

    private final PasswordHasher hasher = new PasswordHasher();
    private String hash;

    @Setup(Level.Trial)
    public void hashOnce() {
        hash = hasher.hash(PASSWORD);
    }

    @Benchmark
    public boolean verify() {
        return hasher.verify(PASSWORD, hash);
    }
}
