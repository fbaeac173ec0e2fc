package io.portcullis.session;

import io.portcullis.db.KeyedCleanup;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reclaims the space of expired sessions in small batches, so no statement holds many locks. It only
 * reclaims space: validity is always decided at read time. Safe when several instances run it.
 */
public final class SessionCleanup {
    static final int BATCH_SIZE = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(SessionCleanup.class);

    private final SessionStore store;
    private final Clock clock;
    private final int batchSize;

    public SessionCleanup(SessionStore store, Clock clock) {
        this(store, clock, BATCH_SIZE);
    }

    SessionCleanup(SessionStore store, Clock clock, int batchSize) {
        this.store = store;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    /** Deletes every session expired now, batch by batch. @return how many rows were deleted */
    public int run() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        int total = KeyedCleanup.untilDone(() -> store.deleteExpiredBatch(now, batchSize), batchSize);
        if (total > 0) LOG.info("session cleanup deleted {} expired sessions", total);
        return total;
    }
}
