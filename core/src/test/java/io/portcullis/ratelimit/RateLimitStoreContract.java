package io.portcullis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.Ids;
import io.portcullis.config.DatabaseConfig;
import io.portcullis.db.Database;
import io.portcullis.testing.MutableClock;
import io.portcullis.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The rate-limit counters against each real database. One subclass per database below. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RateLimitStoreContract {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");
    private static final Duration WINDOW = Duration.ofSeconds(10);

    private TestDatabase testDb;
    private Database db;
    /** Rate-limit statements run through {@link #db}. */
    private final AtomicLong statements = new AtomicLong();
    private RateLimitStore store;

    abstract TestDatabase.Kind kind();

    @BeforeAll
    void openDatabase() {
        testDb = TestDatabase.create(kind());
        var s = testDb.settings();
        db = Database.open(new DatabaseConfig(s.get("database.url"), s.get("database.username"), null, 10, true),
                sql -> { if (sql.contains("rate_limit")) statements.incrementAndGet(); });
        db.migrate();
        store = new RateLimitStore(db);
    }

    @AfterAll
    void closeDatabase() {
        if (db != null) db.close();
        if (testDb != null) testDb.close();
    }

    private static String newBucket() {
        return "198.51.100.7|/test/" + Ids.newId();
    }

    private static RateLimitRules everything(Duration window, int max) {
        return new RateLimitRules(List.of(new RateLimitRule(RateLimitRule.EVERYTHING, window, max)));
    }

    @Test
    void hitsInOneWindowCountUpAndKeepTheWindowsStart() {
        String bucket = newBucket();
        Instant expiredBefore = T0.minus(WINDOW);

        assertThat(store.hit(bucket, T0, expiredBefore)).isEqualTo(new RateLimitStore.Window(1, T0));
        assertThat(store.hit(bucket, T0.plusMillis(1), expiredBefore.plusMillis(1))).isEqualTo(new RateLimitStore.Window(2, T0));
        Instant nearlyOver = T0.plus(WINDOW).minusMillis(1);
        assertThat(store.hit(bucket, nearlyOver, nearlyOver.minus(WINDOW))).isEqualTo(new RateLimitStore.Window(3, T0));
        assertThat(store.hit(newBucket(), T0, expiredBefore)).as("another bucket").isEqualTo(new RateLimitStore.Window(1, T0));
    }

    @Test
    void aHitOnceTheWindowIsOverStartsANewWindowAtOne() {
        String bucket = newBucket();
        for (int i = 0; i < 4; i++) store.hit(bucket, T0, T0.minus(WINDOW));

        Instant over = T0.plus(WINDOW);
        assertThat(store.hit(bucket, over, over.minus(WINDOW))).isEqualTo(new RateLimitStore.Window(1, over));
        assertThat(store.hit(bucket, over.plusSeconds(1), over.plusSeconds(1).minus(WINDOW))).isEqualTo(new RateLimitStore.Window(2, over));
    }

    @Test
    void aHitCanCountSeveralAtOnceAndAnEndedWindowRestartsAtThatMany() {
        String bucket = newBucket();
        assertThat(store.hit(bucket, T0, T0.minus(WINDOW), 10)).isEqualTo(new RateLimitStore.Window(10, T0));
        Instant later = T0.plusSeconds(3);
        assertThat(store.hit(bucket, later, later.minus(WINDOW), 10)).isEqualTo(new RateLimitStore.Window(20, T0));
        Instant over = T0.plus(WINDOW);
        assertThat(store.hit(bucket, over, over.minus(WINDOW), 10)).isEqualTo(new RateLimitStore.Window(10, over));
    }

    @Test
    void aRuleOfAHundredCountsTenRequestsPerStatementAndLetsExactlyAHundredThrough() throws Exception {
        MutableClock clock = new MutableClock(T0);
        RateLimiter limiter = new FixedWindowRateLimiter(store, everything(WINDOW, 100), clock);
        String client = "203.0.113.10";
        String path = "/reserved/" + Ids.newId();
        long before = statements.get();
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.check(client, path).allowed()).as("request %d", i + 1).isTrue();
            clock.advance(Duration.ofMillis(50));
        }
        assertThat(statements.get() - before).as("statements for 100 requests").isEqualTo(10);
        assertThat(limiter.check(client, path)).isEqualTo(RateLimitDecision.refused(Duration.ofSeconds(5)));
        assertThat(countOf(client + "|" + path)).as("what the database counted").isEqualTo(110);

        clock.advance(Duration.ofSeconds(5));
        assertThat(limiter.check(client, path).allowed()).as("a new window").isTrue();
        assertThat(countOf(client + "|" + path)).isEqualTo(10);
    }

    @Test
    void aClientBeyondWhatTheInstanceCanRememberIsCountedAloneAndStillGetsItsWholeLimit() throws Exception {
        MutableClock clock = new MutableClock(T0);
        RateLimiter limiter = new FixedWindowRateLimiter(store, everything(WINDOW, 100), clock, 1);
        String path = "/remembered/" + Ids.newId();
        assertThat(limiter.check("203.0.113.12", path).allowed()).as("the one client remembered").isTrue();
        long before = statements.get();
        for (int i = 0; i < 100; i++) assertThat(limiter.check("203.0.113.13", path).allowed()).as("request %d", i + 1).isTrue();
        assertThat(statements.get() - before).as("one statement per request").isEqualTo(100);
        assertThat(limiter.check("203.0.113.13", path).allowed()).isFalse();
        assertThat(countOf("203.0.113.13|" + path)).isEqualTo(101);
    }

    @Test
    void countsReservedOnOneInstanceAreNoOneElsesSoAnotherMayRefuseEarlyButNeverLetMoreThrough() {
        MutableClock clock = new MutableClock(T0);
        RateLimiter a = new FixedWindowRateLimiter(store, everything(WINDOW, 100), clock);
        RateLimiter b = new FixedWindowRateLimiter(store, everything(WINDOW, 100), clock);
        String client = "203.0.113.11";
        String path = "/instances/" + Ids.newId();
        for (int i = 0; i < 5; i++) assertThat(a.check(client, path).allowed()).isTrue();
        int onB = 0;
        while (b.check(client, path).allowed()) onB++;
        assertThat(onB).as("b, while a holds five counted requests").isEqualTo(90);
        for (int i = 0; i < 5; i++) assertThat(a.check(client, path).allowed()).as("a's own").isTrue();
        assertThat(a.check(client, path).allowed()).isFalse();
    }

    @Test
    void parallelChecksOfARuleOfAHundredNeverLetMoreThanAHundredThroughAndLeaveNoneUnusable() throws Exception {
        RateLimiter limiter = new FixedWindowRateLimiter(store, everything(WINDOW, 100), new MutableClock(T0));
        String path = "/parallel-reserved/" + Ids.newId();
        int allowed = allowedOfParallelChecks(limiter, "192.0.2.2", path, 150);
        assertThat(allowed).isLessThanOrEqualTo(100);
        // Counts reserved by a request that lost the race to hand them out serve the next requests.
        while (limiter.check("192.0.2.2", path).allowed()) allowed++;
        assertThat(allowed).isEqualTo(100);
    }

    /** Starts {@code parallel} checks of one bucket at once; returns how many were allowed. */
    private static int allowedOfParallelChecks(RateLimiter limiter, String client, String path, int parallel) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<RateLimitDecision>> decisions = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                decisions.add(pool.submit(() -> {
                    start.await();
                    return limiter.check(client, path);
                }));
            }
            start.countDown();
            int allowed = 0;
            for (Future<RateLimitDecision> d : decisions) if (d.get().allowed()) allowed++;
            return allowed;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theLimiterRefusesTheSixthWithTheTimeUntilTheWindowFreesAndAllowsAgainAfterIt() {
        MutableClock clock = new MutableClock(T0);
        RateLimiter limiter = new FixedWindowRateLimiter(store, everything(WINDOW, 5), clock);
        String client = "203.0.113.5";
        String path = "/sign-in/" + Ids.newId();
        for (int i = 0; i < 5; i++) assertThat(limiter.check(client, path).allowed()).isTrue();

        clock.advance(Duration.ofSeconds(3));
        assertThat(limiter.check(client, path)).isEqualTo(RateLimitDecision.refused(Duration.ofSeconds(7)));
        assertThat(limiter.check(client, "/sign-in/other-" + Ids.newId()).allowed()).as("another path").isTrue();

        clock.advance(Duration.ofSeconds(7));
        assertThat(limiter.check(client, path).allowed()).isTrue();
    }

    @Test
    void fiftyParallelChecksWithAMaximumOfFiveLetExactlyFiveThrough() throws Exception {
        RateLimiter limiter = new FixedWindowRateLimiter(store, everything(WINDOW, 5), new MutableClock(T0));
        String path = "/parallel/" + Ids.newId();
        int parallel = 50;
        assertThat(allowedOfParallelChecks(limiter, "192.0.2.1", path, parallel)).isEqualTo(5);
        // Checks that reached the database counted once each; those after a refusal came back were refused from memory.
        assertThat(countOf("192.0.2.1|" + path)).as("counted checks").isBetween(6L, (long) parallel);
    }

    @Test
    void aFullWindowIsRefusedFromMemoryUntilItsLastSecondThenByTheDatabaseThenCountedAgain() throws Exception {
        MutableClock clock = new MutableClock(T0);
        RateLimiter limiter = new FixedWindowRateLimiter(store, everything(WINDOW, 2), clock);
        String client = "203.0.113.9";
        String path = "/memory/" + Ids.newId();
        String bucket = client + "|" + path;
        assertThat(limiter.check(client, path).allowed()).isTrue();
        assertThat(limiter.check(client, path).allowed()).isTrue();
        assertThat(limiter.check(client, path)).isEqualTo(RateLimitDecision.refused(WINDOW));
        assertThat(countOf(bucket)).isEqualTo(3);

        for (int second = 1; second < 9; second++) {
            clock.advance(Duration.ofSeconds(1));
            assertThat(limiter.check(client, path)).as("second %d", second).isEqualTo(RateLimitDecision.refused(WINDOW.minusSeconds(second)));
        }
        assertThat(countOf(bucket)).as("refusals of a window known to be full cost no statement").isEqualTo(3);

        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.check(client, path)).as("the last second").isEqualTo(RateLimitDecision.refused(Duration.ofSeconds(1)));
        assertThat(countOf(bucket)).as("the window's last second is the database's to decide").isEqualTo(4);

        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.check(client, path).allowed()).as("the window has ended").isTrue();
        assertThat(countOf(bucket)).as("a new window, counted in the database").isEqualTo(1);
        // Another instance (its own limiter, its own memory) still asks the database, and shares the count.
        RateLimiter other = new FixedWindowRateLimiter(store, everything(WINDOW, 2), clock);
        assertThat(other.check(client, path).allowed()).isTrue();
        assertThat(limiter.check(client, path).allowed()).isFalse();
        assertThat(other.check(client, path).allowed()).isFalse();
        assertThat(countOf(bucket)).isEqualTo(4);
    }

    @Test
    void parallelFirstHitsOfANewBucketAllCountWithoutErrors() throws Exception {
        // Every hit here races to create its bucket's row: the race H2's MERGE can lose, and must retry.
        int parallel = 10;
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            for (int round = 0; round < 30; round++) {
                String bucket = newBucket();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<RateLimitStore.Window>> hits = new ArrayList<>();
                for (int i = 0; i < parallel; i++) {
                    hits.add(pool.submit(() -> {
                        start.await();
                        return store.hit(bucket, T0, T0.minus(WINDOW));
                    }));
                }
                start.countDown();
                List<Integer> counts = new ArrayList<>();
                for (Future<RateLimitStore.Window> hit : hits) counts.add(hit.get().count());
                assertThat(counts).as("round %d", round).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void cleanupDeletesOnlyWindowsThatAreOver() throws Exception {
        Instant now = T0.plus(Duration.ofDays(1));
        Duration longest = Duration.ofSeconds(60);
        List<String> over = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String bucket = newBucket();
            store.hit(bucket, now.minus(longest), now.minus(longest).minus(WINDOW));
            over.add(bucket);
        }
        String current = newBucket();
        store.hit(current, now.minus(longest).plusMillis(1), now.minus(longest).plusMillis(1).minus(WINDOW));

        // Batches of 2: 2 + 2 + 1, then the loop stops. Rows of other tests are over too.
        int deleted = new RateLimitCleanup(store, longest, new MutableClock(now), 2).run();

        assertThat(deleted).isGreaterThanOrEqualTo(5);
        for (String bucket : over) assertThat(countOf(bucket)).as(bucket).isZero();
        assertThat(countOf(current)).isEqualTo(1);
    }

    @Test
    void cleanupRunByTwoInstancesAtOnceDeletesEveryEndedWindowWithoutErrors() throws Exception {
        Instant old = T0.minus(Duration.ofDays(30));
        for (int i = 0; i < 300; i++) store.hit(newBucket(), old, old.minus(WINDOW));
        MutableClock clock = new MutableClock(T0.minus(Duration.ofDays(20)));
        RateLimitCleanup a = new RateLimitCleanup(store, WINDOW, clock, 25);
        RateLimitCleanup b = new RateLimitCleanup(store, WINDOW, clock, 25);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> first = pool.submit(a::run);
            Future<Integer> second = pool.submit(b::run);
            assertThat(first.get() + second.get()).isGreaterThanOrEqualTo(300);
        } finally {
            pool.shutdownNow();
        }
        assertThat(countRowsStartedAtOrBefore(old)).isZero();
    }

    /** The stored count of a bucket, or 0 when it has no row. */
    private long countOf(String bucket) throws Exception {
        try (Connection c = testDb.connect(); PreparedStatement ps = c.prepareStatement("SELECT count FROM rate_limit WHERE bucket = ?")) {
            ps.setString(1, bucket);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private long countRowsStartedAtOrBefore(Instant at) throws Exception {
        try (Connection c = testDb.connect(); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM rate_limit WHERE window_start <= ?")) {
            ps.setObject(1, java.time.LocalDateTime.ofInstant(at, java.time.ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
