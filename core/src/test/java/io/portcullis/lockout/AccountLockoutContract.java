package io.portcullis.lockout;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.ErrorCode;
import io.portcullis.Portcullis;
import io.portcullis.PortcullisException;
import io.portcullis.audit.Actor;
import io.portcullis.db.Rows;
import io.portcullis.session.ClientInfo;
import io.portcullis.testing.MutableClock;
import io.portcullis.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The lockout's bookkeeping on each database, with the default settings and a clock the test moves. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AccountLockoutContract {
    private static final Actor ANONYMOUS = Actor.anonymous(ClientInfo.UNKNOWN);
    private final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
    private TestDatabase database;
    private Portcullis engine;
    /** Statements on the lockout's table. */
    private final AtomicLong statements = new AtomicLong();

    abstract TestDatabase.Kind kind();

    @BeforeAll
    void start() {
        database = TestDatabase.create(kind());
        engine = Portcullis.builder(database.engineConfig()).clock(clock).backgroundJobs(false)
                .statementListener(sql -> { if (sql.contains("login_attempt")) statements.incrementAndGet(); }).start();
    }

    @AfterAll
    void stop() {
        if (engine != null) engine.close();
        if (database != null) database.close();
    }

    private static String email() {
        return "lockout-" + UUID.randomUUID() + "@example.com";
    }

    /** The account's rows in {@code login_attempt}: 0 or 1. */
    private long rowsOf(String email) throws Exception {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM login_attempt WHERE identifier = ?")) {
            s.setString(1, AccountLockout.identifier(email));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** How long the account stays locked; zero when it is not, and then the probe itself was a success. */
    private Duration lockedFor(String email) {
        try {
            engine.lockout().begin(email).succeeded();
            return Duration.ZERO;
        } catch (PortcullisException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.ACCOUNT_LOCKED);
            return e.retryAfter();
        }
    }

    @Test
    void withTheDefaultsLocksGrowToTheMaximumEvenWhenALockOutlastsResetAfter() throws Exception {
        String email = email();
        List<Duration> locks = new ArrayList<>();
        for (int lock = 0; lock < 9; lock++) {
            for (int i = 0; i < 5; i++) engine.lockout().begin(email).failed(null, ANONYMOUS);
            Duration wait = lockedFor(email);
            locks.add(wait);
            clock.advance(wait);
            // The scheduled cleanup, just after the lock ended: a lock longer than resetAfter is no reason to forget it.
            engine.lockout().cleanup();
        }
        assertThat(locks).containsExactly(Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2),
                Duration.ofHours(4), Duration.ofHours(8), Duration.ofHours(16), Duration.ofHours(24), Duration.ofHours(24));

        // Twelve quiet hours after the end of a lock forget the history: the next lock is a first one.
        clock.advance(Duration.ofHours(12));
        assertThat(engine.lockout().state(email)).isEqualTo(AccountLockout.State.NONE);
        assertThat(rowsOf(email)).as("kept by every cleanup so far").isEqualTo(1);
        engine.lockout().cleanup();
        assertThat(rowsOf(email)).as("deleted once its history is forgotten").isZero();
        for (int i = 0; i < 5; i++) engine.lockout().begin(email).failed(null, ANONYMOUS);
        assertThat(lockedFor(email)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void anAttemptCutShortByAnErrorGivesItsPlaceBackAndCountsAsNothing() {
        String email = email();
        for (int i = 0; i < 20; i++) {
            try (AccountLockout.Attempt abandoned = engine.lockout().begin(email)) {
                assertThat(abandoned).isNotNull(); // no outcome: as if the password check had thrown
            }
        }
        for (int i = 0; i < 4; i++) engine.lockout().begin(email).failed(null, ANONYMOUS);
        assertThat(lockedFor(email)).isZero();
    }

    @Test
    void aRightFirstFactorKeepsTheFailuresThatOnlyTheSecondFactorForgets() {
        String email = email();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 2; i++) engine.lockout().begin(email).failed(null, ANONYMOUS);
            engine.lockout().begin(email).passedFirstFactor();
        }
        // Not locked after four failures (an attempt is admitted); closing it counts nothing.
        engine.lockout().begin(email).close();
        engine.lockout().begin(email).failed(null, ANONYMOUS);
        assertThat(lockedFor(email)).as("the fifth failure locks").isEqualTo(Duration.ofMinutes(15));

        String other = email();
        for (int i = 0; i < 4; i++) engine.lockout().begin(other).failed(null, ANONYMOUS);
        engine.lockout().begin(other).succeeded();
        engine.lockout().begin(other).failed(null, ANONYMOUS);
        assertThat(lockedFor(other)).as("a completed sign-in forgets them").isZero();
    }

    @Test
    void aSuccessForgetsEarlierLocksAndGivesBackOnlyItsOwnPlace() {
        String email = email();
        for (int i = 0; i < 5; i++) engine.lockout().begin(email).failed(null, ANONYMOUS);
        clock.advance(lockedFor(email));
        AccountLockout.Attempt other = engine.lockout().begin(email);
        engine.lockout().begin(email).succeeded();
        assertThat(row(email)).as("the other attempt still holds its place, from when it began")
                .isEqualTo(new LoginAttempt(0, 1, 0, null, null, clock.instant()));
        other.succeeded();
        assertThat(row(email)).isEqualTo(new LoginAttempt(0, 0, 0, null, null, null));

        for (int i = 0; i < 5; i++) engine.lockout().begin(email).failed(null, ANONYMOUS);
        assertThat(lockedFor(email)).as("a first lock again: the success forgot the earlier one").isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void anAttemptOnAnAccountWithNothingAgainstItIsAdmittedByOneStatement() {
        String email = email();
        engine.lockout().begin(email).succeeded(); // the first attempt creates the row
        long before = statements.get();
        AccountLockout.Attempt clean = engine.lockout().begin(email);
        assertThat(statements.get() - before).as("statements to admit on a clean row").isEqualTo(1);
        assertThat(row(email)).isEqualTo(new LoginAttempt(0, 1, 0, null, null, clock.instant()));

        clean.failed(null, ANONYMOUS);
        before = statements.get();
        AccountLockout.Attempt decided = engine.lockout().begin(email);
        assertThat(statements.get() - before).as("statements to admit with a failure on record: the one that does not, the locked read, the write")
                .isEqualTo(3);
        decided.close();
        assertThat(row(email)).isEqualTo(new LoginAttempt(1, 0, 0, null, clock.instant(), clock.instant()));
    }

    @Test
    void parallelAttemptsOnACleanRowTakeNoMoreThanMaxFailuresPlaces() throws Exception {
        String email = email();
        engine.lockout().begin(email).succeeded(); // the row exists, with nothing against it: each attempt tries the one statement
        int parallel = 20;
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            CountDownLatch go = new CountDownLatch(1);
            BlockingQueue<AccountLockout.Attempt> admitted = new LinkedBlockingQueue<>();
            List<Future<ErrorCode>> refusals = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                refusals.add(pool.submit(() -> {
                    go.await();
                    try {
                        admitted.add(engine.lockout().begin(email));
                        return null;
                    } catch (PortcullisException e) {
                        return e.code();
                    }
                }));
            }
            go.countDown();
            List<AccountLockout.Attempt> places = new ArrayList<>();
            for (int i = 0; i < 5; i++) places.add(admitted.poll(10, TimeUnit.SECONDS));
            assertThat(places).as("the five places").doesNotContainNull();
            assertThat(admitted.poll(300, TimeUnit.MILLISECONDS)).as("a sixth place").isNull();
            assertThat(row(email).pending()).isEqualTo(5);

            // Five wrong passwords lock the account: the fifteen attempts waiting for a place are refused.
            for (AccountLockout.Attempt attempt : places) attempt.failed(null, ANONYMOUS);
            for (Future<ErrorCode> refusal : refusals) {
                ErrorCode code = refusal.get(10, TimeUnit.SECONDS);
                if (code != null) assertThat(code).isEqualTo(ErrorCode.ACCOUNT_LOCKED);
            }
            assertThat(admitted).as("attempts admitted after the first five").isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void thePlacesOfLostAttemptsAreTakenBackOnARowWithoutFailures() {
        String email = email();
        for (int i = 0; i < 5; i++) assertThat(engine.lockout().begin(email)).isNotNull(); // never finished: their server died
        clock.advance(AccountLockout.PENDING_EXPIRY);
        AccountLockout.Attempt next = engine.lockout().begin(email); // all five places were taken: it is admitted because they were lost
        assertThat(row(email)).isEqualTo(new LoginAttempt(0, 1, 0, null, null, clock.instant()));
        next.succeeded();
        assertThat(row(email)).isEqualTo(new LoginAttempt(0, 0, 0, null, null, null));
    }

    private LoginAttempt row(String email) {
        return engine.database().withHandle(h -> h.createQuery("""
                        SELECT failures, pending, locks, locked_until, last_failure_at, last_attempt_at
                        FROM login_attempt WHERE identifier = :identifier""")
                .bind("identifier", AccountLockout.identifier(email))
                .map((rs, ctx) -> new LoginAttempt(rs.getInt(1), rs.getInt(2), rs.getInt(3),
                        Rows.instant(rs, "locked_until"), Rows.instant(rs, "last_failure_at"), Rows.instant(rs, "last_attempt_at")))
                .one());
    }

    @Test
    void unlockForgetsFailuresAndLocks() {
        String email = email();
        for (int i = 0; i < 5; i++) engine.lockout().begin(email).failed(null, ANONYMOUS);
        assertThat(engine.lockout().unlock(email)).isTrue();
        assertThat(engine.lockout().unlock(email)).isFalse();
        // Five new failures make a first lock again (15m, not the 30m of a second one).
        for (int i = 0; i < 5; i++) engine.lockout().begin(email).failed(null, ANONYMOUS);
        assertThat(lockedFor(email)).isEqualTo(Duration.ofMinutes(15));
    }
}
