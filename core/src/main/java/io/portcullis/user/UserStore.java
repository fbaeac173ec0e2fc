package io.portcullis.user;

import io.portcullis.ErrorCode;
import io.portcullis.Ids;
import io.portcullis.PortcullisException;
import io.portcullis.db.Database;
import io.portcullis.db.DatabaseFailures;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/** Users and their credential accounts. */
public final class UserStore {
    static final String CREDENTIAL_PROVIDER = "credential";

    private static final String INSERT_USER = """
            INSERT INTO <user> (id, email, name, email_verified, image, role, banned, created_at, updated_at)
            VALUES (:id, :email, :name, :emailVerified, :image, :role, FALSE, :now, :now)""";
    private static final String INSERT_CREDENTIAL = """
            INSERT INTO account (id, user_id, provider_id, account_id, password_hash, created_at, updated_at)
            VALUES (:id, :userId, 'credential', :userId, :hash, :now, :now)""";
    private static final String SELECT_CREDENTIAL_BY_EMAIL = """
            SELECT %s, a.password_hash
            FROM <user> u LEFT JOIN account a ON a.user_id = u.id AND a.provider_id = 'credential'
            WHERE u.email = :email""".formatted(UserRows.COLUMNS);
    private static final String SELECT_BY_ID = "SELECT " + UserRows.COLUMNS + " FROM <user> u WHERE u.id = :id";
    private static final String UPDATE_PASSWORD_HASH = """
            UPDATE account SET password_hash = :hash, updated_at = :now
            WHERE user_id = :userId AND provider_id = 'credential'""";
    private static final String INSERT_CREDENTIAL_IF_MISSING = """
            INSERT INTO account (id, user_id, provider_id, account_id, password_hash, created_at, updated_at)
            SELECT :id, :userId, 'credential', :userId, :hash, :now, :now FROM <user> u
            WHERE u.id = :userId
              AND NOT EXISTS (SELECT 1 FROM account a WHERE a.user_id = :userId AND a.provider_id = 'credential')""";
    private static final String SELECT_CREDENTIAL_BY_USER_ID = """
            SELECT %s, a.password_hash
            FROM <user> u LEFT JOIN account a ON a.user_id = u.id AND a.provider_id = 'credential'
            WHERE u.id = :id""".formatted(UserRows.COLUMNS);
    private static final String SELECT_BY_EMAIL = "SELECT " + UserRows.COLUMNS + " FROM <user> u WHERE u.email = :email";
    private static final String UPDATE_PROFILE = "UPDATE <user> SET name = :name, image = :image, updated_at = :now WHERE id = :id";
    private static final String UPDATE_ROLE = "UPDATE <user> SET role = :role, updated_at = :now WHERE id = :id";
    private static final String MARK_EMAIL_VERIFIED = "UPDATE <user> SET email_verified = TRUE, updated_at = :now WHERE id = :id";
    private static final String UPDATE_BAN = """
            UPDATE <user> SET banned = :banned, ban_reason = :reason, ban_expires = :expires, updated_at = :now
            WHERE id = :id""";
    /** Compare-and-set: a password changed meanwhile is never overwritten by the re-hash of the old one. */
    private static final String REHASH_PASSWORD = """
            UPDATE account SET password_hash = :hash, updated_at = :now
            WHERE user_id = :userId AND provider_id = 'credential' AND password_hash = :oldHash""";
    /** Only a ban that is still expired: a ban set meanwhile is left alone. */
    private static final String LIFT_EXPIRED_BAN = """
            UPDATE <user> SET banned = FALSE, ban_reason = NULL, ban_expires = NULL, updated_at = :now
            WHERE id = :id AND banned = TRUE AND ban_expires IS NOT NULL AND ban_expires <= :now""";
    /**
     * The user's row lock, taken first by whatever changes a user's credentials, second factor or sessions
     * (a password change, the two-factor stores), so that none interleaves with a sign-in's session creation.
     */
    public static final String LOCK_BY_ID = "SELECT id FROM <user> WHERE id = :id FOR UPDATE";
    private static final String DELETE_BY_ID = "DELETE FROM <user> WHERE id = :id";

    public static final String DEFAULT_ROLE = Roles.DEFAULT;

    private final Database db;
    private final String insertUser;
    private final String selectCredentialByEmail;
    private final String selectById;
    private final String deleteById;
    private final String insertCredentialIfMissing;
    private final String selectCredentialByUserId;
    private final String selectByEmail;
    private final String updateProfile;
    private final String updateRole;
    private final String markEmailVerified;
    private final String updateBan;
    private final String liftExpiredBan;
    private final String lockById;

    public UserStore(Database db) {
        this.db = db;
        this.insertUser = db.sql(INSERT_USER);
        this.selectCredentialByEmail = db.sql(SELECT_CREDENTIAL_BY_EMAIL);
        this.selectById = db.sql(SELECT_BY_ID);
        this.deleteById = db.sql(DELETE_BY_ID);
        this.insertCredentialIfMissing = db.sql(INSERT_CREDENTIAL_IF_MISSING);
        this.selectCredentialByUserId = db.sql(SELECT_CREDENTIAL_BY_USER_ID);
        this.selectByEmail = db.sql(SELECT_BY_EMAIL);
        this.updateProfile = db.sql(UPDATE_PROFILE);
        this.updateRole = db.sql(UPDATE_ROLE);
        this.markEmailVerified = db.sql(MARK_EMAIL_VERIFIED);
        this.updateBan = db.sql(UPDATE_BAN);
        this.liftExpiredBan = db.sql(LIFT_EXPIRED_BAN);
        this.lockById = db.sql(LOCK_BY_ID);
    }

    /**
     * Creates a user and its credential account in one transaction.
     *
     * @throws PortcullisException {@code USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL} when the email is taken
     */
    public User create(String email, String name, String image, String role, boolean emailVerified, String passwordHash, Instant now) {
        String id = Ids.newId();
        try {
            db.inTransaction(h -> {
                h.createUpdate(insertUser).bind("id", id).bind("email", email).bind("name", name)
                        .bind("emailVerified", emailVerified).bind("image", image).bind("role", role).bind("now", now).execute();
                h.createUpdate(INSERT_CREDENTIAL).bind("id", Ids.newId()).bind("userId", id)
                        .bind("hash", passwordHash).bind("now", now).execute();
                return null;
            });
        } catch (RuntimeException e) {
            // Two sign-ups racing for one email: the unique index decides, the loser gets the usual answer.
            if (DatabaseFailures.isUniqueViolation(e)) throw new PortcullisException(ErrorCode.USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL);
            throw e;
        }
        return new User(id, email, name, emailVerified, image, role, false, null, null, now, now, false);
    }

    public Optional<Credential> findCredentialByEmail(String email) {
        return db.withHandle(h -> h.createQuery(selectCredentialByEmail).bind("email", email)
                .map((rs, ctx) -> new Credential(UserRows.read(rs), rs.getString("password_hash")))
                .findOne());
    }

    public Optional<User> findById(String id) {
        return db.withHandle(h -> h.createQuery(selectById).bind("id", id).map((rs, ctx) -> UserRows.read(rs)).findOne());
    }

    public Optional<Credential> findCredentialByUserId(String userId) {
        return db.withHandle(h -> h.createQuery(selectCredentialByUserId).bind("id", userId)
                .map((rs, ctx) -> new Credential(UserRows.read(rs), rs.getString("password_hash")))
                .findOne());
    }

    public Optional<User> findByEmail(String email) {
        return db.withHandle(h -> h.createQuery(selectByEmail).bind("email", email).map((rs, ctx) -> UserRows.read(rs)).findOne());
    }

    /** Replaces the hash of the same password made with old parameters, unless the password changed meanwhile. */
    /** @return whether the re-hash was stored (false: the password changed meanwhile) */
    public boolean rehashPassword(String userId, String oldHash, String newHash, Instant now) {
        return db.withHandle(h -> h.createUpdate(REHASH_PASSWORD).bind("userId", userId).bind("oldHash", oldHash).bind("hash", newHash)
                .bind("now", now).execute()) == 1;
    }

    /** Sets the password, creating the credential account when the user has none. @return false when the user is gone */
    public boolean setPasswordHash(String userId, String passwordHash, Instant now) {
        return db.inTransaction(h -> {
            h.createQuery(lockById).bind("id", userId).mapTo(String.class).findOne();
            int updated = h.createUpdate(UPDATE_PASSWORD_HASH).bind("userId", userId).bind("hash", passwordHash).bind("now", now).execute();
            return updated > 0 || h.createUpdate(insertCredentialIfMissing).bind("id", Ids.newId()).bind("userId", userId)
                    .bind("hash", passwordHash).bind("now", now).execute() > 0;
        });
    }

    /** @return the user as stored afterwards, or empty when it is gone */
    public Optional<User> updateProfile(String userId, String name, String image, Instant now) {
        return update(userId, h -> h.createUpdate(updateProfile).bind("id", userId).bind("name", name).bind("image", image).bind("now", now));
    }

    public Optional<User> markEmailVerified(String userId, Instant now) {
        return update(userId, h -> h.createUpdate(markEmailVerified).bind("id", userId).bind("now", now));
    }

    public Optional<User> updateRole(String userId, String role, Instant now) {
        return update(userId, h -> h.createUpdate(updateRole).bind("id", userId).bind("role", role).bind("now", now));
    }

    /** Bans ({@code banned} true, with an optional reason and expiry) or lifts a ban (false, nulls). */
    public Optional<User> updateBan(String userId, boolean banned, String reason, Instant expires, Instant now) {
        return update(userId, h -> h.createUpdate(updateBan).bind("id", userId).bind("banned", banned)
                .bind("reason", reason).bind("expires", expires).bind("now", now));
    }

    /** Clears a ban whose time is up; a ban set meanwhile stays. @return the user as stored afterwards */
    public Optional<User> liftExpiredBan(String userId, Instant now) {
        db.withHandle(h -> h.createUpdate(liftExpiredBan).bind("id", userId).bind("now", now).execute());
        return findById(userId);
    }

    private Optional<User> update(String userId, Function<Handle, Update> statement) {
        return db.inTransaction(h -> statement.apply(h).execute() == 0 ? Optional.<User>empty()
                : h.createQuery(selectById).bind("id", userId).map((rs, ctx) -> UserRows.read(rs)).findOne());
    }

    /** Deletes the user; accounts and sessions go with it through their foreign keys. */
    public boolean delete(String userId) {
        return db.withHandle(h -> h.createUpdate(deleteById).bind("id", userId).execute()) > 0;
    }
}
