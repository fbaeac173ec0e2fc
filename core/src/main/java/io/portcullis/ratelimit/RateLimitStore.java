package io.portcullis.ratelimit;

import io.portcullis.db.Database;
import io.portcullis.db.DatabaseException;
import io.portcullis.db.DatabaseFailures;
import io.portcullis.db.DialectCleanup;
import io.portcullis.db.KeyedCleanup;
import io.portcullis.db.Rows;
import java.time.Instant;

/**
 * The {@code rate_limit} table: one fixed-window counter per bucket, shared by every instance on the
 * database. A hit is one statement that counts and reads back at once (see {@link
 * io.portcullis.db.Dialect#hitRateLimit()}), so parallel hits can never both see room for one more.
 */
public final class RateLimitStore {
    /**
     * How often a hit is tried when it loses the race to create its bucket's row. Only H2's MERGE can
     * lose it; the failed statement changed nothing, and the next try finds the row the winner made.
     */
    private static final int ATTEMPTS = 3;

    /**
     * A batch of ended windows, in one statement on H2 and PostgreSQL (whose SKIP LOCKED lets instances
     * that clean up at once take disjoint batches), in two on MariaDB: see {@link KeyedCleanup}. The
     * condition is repeated in the delete: a hit may restart a window between the read and the delete.
     */
    private static final DialectCleanup DELETE_ENDED_BATCH = new DialectCleanup(
            """
            DELETE FROM rate_limit WHERE window_start <= :before
              AND bucket IN (SELECT bucket FROM rate_limit WHERE window_start <= :before LIMIT :batch)""",
            """
            DELETE FROM rate_limit WHERE window_start <= :before
              AND bucket IN (SELECT bucket FROM rate_limit WHERE window_start <= :before LIMIT :batch FOR UPDATE SKIP LOCKED)""",
            new KeyedCleanup("rate_limit", "bucket", "window_start <= :before"),
            "before");

    private final Database db;

    public RateLimitStore(Database db) {
        this.db = db;
    }

    /** Counts one hit of {@code bucket} at {@code now}; see {@link #hit(String, Instant, Instant, int)}. */
    public Window hit(String bucket, Instant now, Instant expiredBefore) {
        return hit(bucket, now, expiredBefore, 1);
    }

    /**
     * Counts {@code count} hits of {@code bucket} at {@code now}, in one statement. A window that started
     * at or before {@code expiredBefore} is over: the hits start a new one at {@code now}.
     *
     * @return the bucket's window after these hits: its count, these included, and when it started
     */
    public Window hit(String bucket, Instant now, Instant expiredBefore, int count) {
        for (int attempt = 1; ; attempt++) {
            try {
                return db.withHandle(h -> h.createQuery(db.dialect().hitRateLimit())
                        .bind("bucket", bucket).bind("now", now).bind("expiredBefore", expiredBefore).bind("count", count)
                        .map((rs, ctx) -> new Window(rs.getInt("count"), Rows.instant(rs, "window_start")))
                        .one());
            } catch (DatabaseException e) {
                if (attempt == ATTEMPTS || !DatabaseFailures.isUniqueViolation(e)) throw e;
            }
        }
    }

    /** Deletes at most {@code batch} rows whose window started at or before {@code before}; safe for concurrent instances. */
    public KeyedCleanup.Batch deleteEndedBatch(Instant before, int batch) {
        return DELETE_ENDED_BATCH.batch(db, before, batch);
    }

    /** A bucket's current window: how many hits it has counted, and when it started. */
    public record Window(int count, Instant start) {}
}
