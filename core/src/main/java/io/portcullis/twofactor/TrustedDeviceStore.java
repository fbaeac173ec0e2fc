package io.portcullis.twofactor;

import io.portcullis.db.Database;
import io.portcullis.db.KeyedCleanup;
import io.portcullis.db.Rows;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The {@code trusted_device} table. Devices are found by the SHA-256 of their cookie only; the cookie is never stored. */
public final class TrustedDeviceStore {
    private static final String INSERT = """
            INSERT INTO trusted_device (id, user_id, token_hash, created_at, expires_at)
            VALUES (:id, :userId, :tokenHash, :now, :expiresAt)""";

    /** An expired row is as good as absent; the cleanup deletes it later. */
    private static final String SELECT_VALID_BY_HASH = """
            SELECT id, user_id, created_at, expires_at FROM trusted_device WHERE token_hash = :tokenHash AND expires_at > :now""";

    private static final String DELETE_BY_USER = "DELETE FROM trusted_device WHERE user_id = :userId";

    /** See {@link KeyedCleanup} for why in two steps. */
    private static final KeyedCleanup DELETE_EXPIRED = new KeyedCleanup("trusted_device", "id", "expires_at <= :now");
    private static final int CLEANUP_BATCH = 500;

    private final Database db;

    public TrustedDeviceStore(Database db) {
        this.db = db;
    }

    public void insert(String id, String userId, String tokenHash, Instant now, Instant expiresAt) {
        db.withHandle(h -> h.createUpdate(INSERT).bind("id", id).bind("userId", userId).bind("tokenHash", tokenHash)
                .bind("now", now).bind("expiresAt", expiresAt).execute());
    }

    /** The unexpired device with this cookie hash. The caller checks that it belongs to the user signing in. */
    public Optional<TrustedDevice> findValid(String tokenHash, Instant now) {
        return db.withHandle(h -> h.createQuery(SELECT_VALID_BY_HASH).bind("tokenHash", tokenHash).bind("now", now)
                .map((rs, ctx) -> new TrustedDevice(rs.getString("id"), rs.getString("user_id"),
                        Rows.instant(rs, "created_at"), Rows.instant(rs, "expires_at")))
                .findOne());
    }

    /** Forgets every device of the user (password changed or reset, 2FA disabled). @return how many */
    public int deleteAll(String userId) {
        return db.withHandle(h -> h.createUpdate(DELETE_BY_USER).bind("userId", userId).execute());
    }

    /** Cleanup. @return how many rows were deleted */
    public int deleteExpired(Instant now) {
        return DELETE_EXPIRED.all(db, Map.of("now", now), CLEANUP_BATCH);
    }
}
