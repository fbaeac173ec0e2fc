package io.portcullis.twofactor;

import io.portcullis.db.Database;
import io.portcullis.db.DatabaseException;
import io.portcullis.db.DatabaseFailures;
import io.portcullis.db.Rows;
import io.portcullis.user.UserStore;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code two_factor} table: one enrolment per user. Every change that must happen once is a
 * compare-and-set in a single statement, so parallel requests, on one instance or several, cannot
 * both succeed.
 */
public final class TwoFactorStore {
    /** Replaces a pending enrolment only: a verified one must be deleted (2FA disabled) first. */
    private static final String REPLACE_PENDING = """
            UPDATE two_factor SET secret_encrypted = :secret, backup_codes = :backupCodes, last_used_step = NULL,
                                  created_at = :now, updated_at = :now
            WHERE user_id = :userId AND verified = FALSE""";

    private static final String INSERT_PENDING = """
            INSERT INTO two_factor (user_id, secret_encrypted, verified, last_used_step, backup_codes, created_at, updated_at)
            VALUES (:userId, :secret, FALSE, NULL, :backupCodes, :now, :now)""";

    private static final String SELECT = """
            SELECT user_id, secret_encrypted, verified, last_used_step, backup_codes, created_at, updated_at
            FROM two_factor WHERE user_id = :userId""";

    /** Confirms the very secret the code was checked against: one replaced meanwhile stays pending. */
    private static final String MARK_VERIFIED = """
            UPDATE two_factor SET verified = TRUE, updated_at = :now
            WHERE user_id = :userId AND secret_encrypted = :secret AND verified = FALSE""";

    /** Replay protection: a step is accepted only when newer than every step accepted before. */
    private static final String ACCEPT_STEP = """
            UPDATE two_factor SET last_used_step = :step
            WHERE user_id = :userId AND (last_used_step IS NULL OR last_used_step < :step)""";

    /** Spending a backup code writes the set without it, only over the set the code was found in. */
    private static final String SWAP_BACKUP_CODES = """
            UPDATE two_factor SET backup_codes = :newCodes, updated_at = :now
            WHERE user_id = :userId AND backup_codes = :oldCodes""";

    private static final String REPLACE_BACKUP_CODES = """
            UPDATE two_factor SET backup_codes = :backupCodes, updated_at = :now WHERE user_id = :userId""";

    private static final String DELETE_VERIFIED = "DELETE FROM two_factor WHERE user_id = :userId AND verified = TRUE";
    private static final String DELETE = "DELETE FROM two_factor WHERE user_id = :userId";

    /** The user's flag follows the enrolment in the same transaction: sessions and sign-in read it from the user row. */
    private static final String SET_USER_FLAG = "UPDATE <user> SET two_factor_enabled = :enabled WHERE id = :userId";

    private final Database db;
    private final String setUserFlag;
    private final String lockUser;

    public TwoFactorStore(Database db) {
        this.db = db;
        this.setUserFlag = db.sql(SET_USER_FLAG);
        this.lockUser = db.sql(UserStore.LOCK_BY_ID);
    }

    /**
     * Stores a new, unverified enrolment, replacing a pending one (enabling again before confirming).
     *
     * @return false, changing nothing, when the user has a verified enrolment (or no longer exists)
     */
    public boolean savePending(String userId, String secretEncrypted, String backupCodes, Instant now) {
        if (replacePending(userId, secretEncrypted, backupCodes, now)) return true;
        try {
            db.withHandle(h -> h.createUpdate(INSERT_PENDING).bind("userId", userId).bind("secret", secretEncrypted)
                    .bind("backupCodes", backupCodes).bind("now", now).execute());
            return true;
        } catch (DatabaseException e) {
            if (!DatabaseFailures.isUniqueViolation(e)) throw e;
            // A row appeared since the update: a parallel enrolment (replace it) or a verified one (keep it).
            return replacePending(userId, secretEncrypted, backupCodes, now);
        }
    }

    private boolean replacePending(String userId, String secretEncrypted, String backupCodes, Instant now) {
        return db.withHandle(h -> h.createUpdate(REPLACE_PENDING).bind("userId", userId).bind("secret", secretEncrypted)
                .bind("backupCodes", backupCodes).bind("now", now).execute()) == 1;
    }

    public Optional<TwoFactorEnrolment> find(String userId) {
        return db.withHandle(h -> h.createQuery(SELECT).bind("userId", userId)
                .map((rs, ctx) -> new TwoFactorEnrolment(rs.getString("user_id"), rs.getString("secret_encrypted"),
                        rs.getBoolean("verified"), rs.getObject("last_used_step", Long.class), rs.getString("backup_codes"),
                        Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at")))
                .findOne());
    }

    /**
     * Puts a pending enrolment in force, and marks the user as having two-factor authentication.
     *
     * @param secretEncrypted the stored secret the confirming code was checked against
     * @return whether this call verified it (false: already verified, replaced meanwhile, or gone)
     */
    public boolean markVerified(String userId, String secretEncrypted, Instant now) {
        return db.inTransaction(h -> {
            // The user's row before the enrolment's, in the order of a sign-in's completion, which uses up a code under it.
            h.createQuery(lockUser).bind("id", userId).mapTo(String.class).findOne();
            boolean verified = h.createUpdate(MARK_VERIFIED).bind("userId", userId).bind("secret", secretEncrypted)
                    .bind("now", now).execute() == 1;
            if (verified) h.createUpdate(setUserFlag).bind("enabled", true).bind("userId", userId).execute();
            return verified;
        });
    }

    /**
     * Records TOTP step {@code step} as used. Of any number of calls with one step, sequential or
     * parallel, exactly one returns true; so do calls with an older step after a newer one.
     *
     * @return whether the code of this step may be accepted
     */
    public boolean acceptStep(String userId, long step) {
        return db.withHandle(h -> h.createUpdate(ACCEPT_STEP).bind("userId", userId).bind("step", step).execute()) == 1;
    }

    /**
     * Writes {@code newCodes} (see {@link BackupCodes#spend}) only if the stored codes are still
     * {@code oldCodes}: of parallel uses of one code, exactly one succeeds.
     *
     * @return whether this call spent the code; on false, read the row again before retrying
     */
    public boolean spendBackupCode(String userId, String oldCodes, String newCodes, Instant now) {
        return db.withHandle(h -> h.createUpdate(SWAP_BACKUP_CODES).bind("userId", userId).bind("oldCodes", oldCodes)
                .bind("newCodes", newCodes).bind("now", now).execute()) == 1;
    }

    /** Replaces every backup code (regeneration voids the old set). @return false when there is no enrolment */
    public boolean replaceBackupCodes(String userId, String backupCodes, Instant now) {
        return db.withHandle(h -> h.createUpdate(REPLACE_BACKUP_CODES).bind("userId", userId).bind("backupCodes", backupCodes)
                .bind("now", now).execute()) == 1;
    }

    /** What {@link #delete} removed. */
    public enum Removed {
        /** Nothing: the user had no enrolment. */
        NONE,
        /** An enrolment never confirmed: two-factor authentication was not on. */
        PENDING,
        /** A confirmed enrolment: two-factor authentication was on. */
        CONFIRMED
    }

    /** Removes the enrolment (2FA disabled) and clears the user's flag. @return what there was, as stored when removed */
    public Removed delete(String userId) {
        return db.inTransaction(h -> {
            // The user's row first (the flag), as in a sign-in's completion, which uses up a code under its lock.
            h.createUpdate(setUserFlag).bind("enabled", false).bind("userId", userId).execute();
            if (h.createUpdate(DELETE_VERIFIED).bind("userId", userId).execute() == 1) return Removed.CONFIRMED;
            return h.createUpdate(DELETE).bind("userId", userId).execute() == 1 ? Removed.PENDING : Removed.NONE;
        });
    }
}
