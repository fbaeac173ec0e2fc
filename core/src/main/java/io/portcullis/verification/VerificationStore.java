package io.portcullis.verification;

import io.portcullis.db.Database;
import io.portcullis.db.Rows;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.PreparedBatch;

/** The {@code verification} table: single-use tokens, found by the SHA-256 of the token only. */
final class VerificationStore {
    private static final String INSERT = """
            INSERT INTO verification (id, user_id, purpose, token_hash, created_at, expires_at)
            VALUES (:id, :userId, :purpose, :tokenHash, :now, :expiresAt)""";

    private static final String SELECT_BY_HASH = """
            SELECT id, user_id, expires_at, used_at FROM verification WHERE token_hash = :tokenHash AND purpose = :purpose""";

    /** Spending is a compare-and-set: of two requests presenting the same token, exactly one wins. */
    private static final String SPEND = "UPDATE verification SET used_at = :now WHERE id = :id AND used_at IS NULL";

    /** Voids every unspent token of one user and purpose (a newer one replaces them, or the purpose is served). */
    private static final String SPEND_ALL = """
            UPDATE verification SET used_at = :now WHERE user_id = :userId AND purpose = :purpose AND used_at IS NULL""";

    /**
     * Tokens expired before {@code :before}, used or not, a batch at a time: found by a plain read (which
     * locks nothing), then deleted one by one by primary key. A single {@code DELETE ... WHERE expires_at}
     * would lock every row it scans on MariaDB, live tokens included, whenever its optimizer prefers a
     * scan to the index on expires_at.
     */
    private static final String FIND_EXPIRED = "SELECT id FROM verification WHERE expires_at <= :before LIMIT :batch";
    private static final String DELETE_EXPIRED = "DELETE FROM verification WHERE id = :id AND expires_at <= :before";
    private static final int CLEANUP_BATCH = 500;

    record Row(String id, String userId, Instant expiresAt, Instant usedAt) {}

    private final Database db;

    VerificationStore(Database db) {
        this.db = db;
    }

    void insert(String id, String userId, VerificationPurpose purpose, String tokenHash, Instant now, Instant expiresAt) {
        db.withHandle(h -> h.createUpdate(INSERT).bind("id", id).bind("userId", userId).bind("purpose", purpose.stored())
                .bind("tokenHash", tokenHash).bind("now", now).bind("expiresAt", expiresAt).execute());
    }

    Optional<Row> find(String tokenHash, VerificationPurpose purpose) {
        return db.withHandle(h -> h.createQuery(SELECT_BY_HASH).bind("tokenHash", tokenHash).bind("purpose", purpose.stored())
                .map((rs, ctx) -> new Row(rs.getString("id"), rs.getString("user_id"), Rows.instant(rs, "expires_at"), Rows.instant(rs, "used_at")))
                .findOne());
    }

    void spendAll(String userId, VerificationPurpose purpose, Instant now) {
        db.withHandle(h -> h.createUpdate(SPEND_ALL).bind("userId", userId).bind("purpose", purpose.stored()).bind("now", now).execute());
    }

    /** @return whether this call spent the token (false: it was spent already) */
    boolean spend(String id, Instant now) {
        return db.withHandle(h -> h.createUpdate(SPEND).bind("id", id).bind("now", now).execute()) == 1;
    }

    /** @return how many rows were deleted */
    int deleteExpired(Instant before) {
        int deleted = 0;
        List<String> ids;
        do {
            ids = db.withHandle(h -> h.createQuery(FIND_EXPIRED).bind("before", before).bind("batch", CLEANUP_BATCH).mapTo(String.class).list());
            if (ids.isEmpty()) break;
            List<String> batch = ids;
            int[] counts = db.withHandle(h -> {
                PreparedBatch delete = h.prepareBatch(DELETE_EXPIRED);
                for (String id : batch) delete.bind("id", id).bind("before", before).add();
                return delete.execute();
            });
            for (int count : counts) deleted += Math.max(count, 0);
        } while (ids.size() == CLEANUP_BATCH);
        return deleted;
    }
}
