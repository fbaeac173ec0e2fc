package io.portcullis.verification;

import io.portcullis.db.Database;
import io.portcullis.db.KeyedCleanup;
import io.portcullis.db.Rows;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

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

    /** Tokens expired before {@code :before}, used or not; see {@link KeyedCleanup} for why in two steps. */
    private static final KeyedCleanup DELETE_EXPIRED = new KeyedCleanup("verification", "id", "expires_at <= :before");
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
        return DELETE_EXPIRED.all(db, Map.of("before", before), CLEANUP_BATCH);
    }
}
