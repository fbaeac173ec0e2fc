package io.portcullis.twofactor;

import io.portcullis.db.Database;
import io.portcullis.db.KeyedCleanup;
import io.portcullis.db.Rows;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code two_factor_challenge} table. Challenges are found by the SHA-256 of their cookie only.
 * Counting an attempt and meeting the challenge are compare-and-set statements: parallel requests
 * cannot exceed the attempt limit nor sign in twice with one challenge.
 */
public final class TwoFactorChallengeStore {
    private static final String INSERT = """
            INSERT INTO two_factor_challenge (id, user_id, token_hash, remember_me, password_fingerprint, created_at, expires_at, attempts, used_at)
            VALUES (:id, :userId, :tokenHash, :rememberMe, :passwordFingerprint, :now, :expiresAt, 0, NULL)""";

    private static final String SELECT_BY_HASH = """
            SELECT id, user_id, remember_me, password_fingerprint, created_at, expires_at, attempts, used_at
            FROM two_factor_challenge WHERE token_hash = :tokenHash""";

    private static final String COUNT_ATTEMPT = """
            UPDATE two_factor_challenge SET attempts = attempts + 1
            WHERE id = :id AND attempts < :maxAttempts AND used_at IS NULL AND expires_at > :now""";

    private static final String SPEND = """
            UPDATE two_factor_challenge SET used_at = :now WHERE id = :id AND used_at IS NULL AND expires_at > :now""";

    /** See {@link KeyedCleanup} for why in two steps. */
    private static final KeyedCleanup DELETE_EXPIRED = new KeyedCleanup("two_factor_challenge", "id", "expires_at <= :now");
    private static final int CLEANUP_BATCH = 500;

    /** A new password ends the challenges opened with the old one. */
    private static final String DELETE_ALL_OF_USER = "DELETE FROM two_factor_challenge WHERE user_id = :userId";

    private final Database db;

    public TwoFactorChallengeStore(Database db) {
        this.db = db;
    }

    /** @param passwordFingerprint SHA-256 hex of the password hash the sign-in verified */
    public void insert(String id, String userId, String tokenHash, boolean rememberMe, String passwordFingerprint, Instant now, Instant expiresAt) {
        db.withHandle(h -> h.createUpdate(INSERT).bind("id", id).bind("userId", userId).bind("tokenHash", tokenHash)
                .bind("rememberMe", rememberMe).bind("passwordFingerprint", passwordFingerprint).bind("now", now)
                .bind("expiresAt", expiresAt).execute());
    }

    /** The challenge with this cookie hash, whatever its state: see {@link TwoFactorChallenge#isOpen}. */
    public Optional<TwoFactorChallenge> find(String tokenHash) {
        return db.withHandle(h -> h.createQuery(SELECT_BY_HASH).bind("tokenHash", tokenHash)
                .map((rs, ctx) -> new TwoFactorChallenge(rs.getString("id"), rs.getString("user_id"), rs.getBoolean("remember_me"),
                        rs.getString("password_fingerprint"),
                        Rows.instant(rs, "created_at"), Rows.instant(rs, "expires_at"), rs.getInt("attempts"), Rows.instant(rs, "used_at")))
                .findOne());
    }

    /**
     * Counts one attempt before a code is checked. Of parallel calls, at most {@code maxAttempts}
     * in the challenge's whole life return true.
     *
     * @return whether this attempt may go on (false: attempts used up, challenge met or expired)
     */
    public boolean countAttempt(String id, int maxAttempts, Instant now) {
        return db.withHandle(h -> h.createUpdate(COUNT_ATTEMPT).bind("id", id).bind("maxAttempts", maxAttempts)
                .bind("now", now).execute()) == 1;
    }

    /** Marks the challenge met. @return whether this call did (false: met already, or expired) */
    public boolean spend(String id, Instant now) {
        return db.withHandle(h -> h.createUpdate(SPEND).bind("id", id).bind("now", now).execute()) == 1;
    }

    /** Cleanup. @return how many rows were deleted */
    public int deleteExpired(Instant now) {
        return DELETE_EXPIRED.all(db, Map.of("now", now), CLEANUP_BATCH);
    }

    /** Deletes every challenge of the user, open or not. @return how many */
    public int deleteAll(String userId) {
        return db.withHandle(h -> h.createUpdate(DELETE_ALL_OF_USER).bind("userId", userId).execute());
    }
}
