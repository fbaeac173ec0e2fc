package io.portcullis.bench;

import io.portcullis.Portcullis;
import io.portcullis.session.AuthenticatedSession;
import io.portcullis.session.ClientInfo;
import io.portcullis.session.SessionPrecondition;
import io.portcullis.session.SessionValidator;
import io.portcullis.user.User;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What every protected request pays inside the process: {@code SessionValidator.validate(token)} for
 * a valid session (shape check, SHA-256, one indexed read of the session joined with its user, expiry
 * check; no write, as the activity is fresh). One thread: the cost of one call, not a throughput.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class SessionValidationBenchmark {
    @Param({"h2", "postgresql"})
    public String database;

    private Portcullis portcullis;
    private SessionValidator validator;
    private String token;

    @Setup(Level.Trial)
    public void signIn() {
        portcullis = BenchEngine.start(database);
        User user = portcullis.emailPassword().createUser("bench-" + UUID.randomUUID() + "@example.com", "Bench",
                "correct horse battery staple", null, "user");
        token = portcullis.sessions().create(user, false, new ClientInfo("127.0.0.1", "jmh"), "password",
                SessionPrecondition.userActive()).token();
        validator = portcullis.validator();
        if (validator.validate(token).isEmpty()) throw new IllegalStateException("the new session does not validate");
    }

    @TearDown(Level.Trial)
    public void close() {
        portcullis.close();
    }

    @Benchmark
    public Optional<AuthenticatedSession> validate() {
        return validator.validate(token);
    }
}
