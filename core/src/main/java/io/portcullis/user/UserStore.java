package io.portcullis.user;

import io.portcullis.ErrorCode;
import io.portcullis.Ids;
import io.portcullis.PortcullisException;
import io.portcullis.db.Database;
import io.portcullis.db.DatabaseFailures;
import java.time.Instant;
import java.util.Optional;

/** Users and their credential accounts. */
public final class UserStore {
    static final String CREDENTIAL_PROVIDER = "credential";

    private static final String INSERT_USER = """
            INSERT INTO <user> (id, email, name, email_verified, image, role, banned, created_at, updated_at)
            VALUES (:id, :email, :name, FALSE, :image, :role, FALSE, :now, :now)""";
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
    private static final String DELETE_BY_ID = "DELETE FROM <user> WHERE id = :id";

    public static final String DEFAULT_ROLE = "user";

    private final Database db;
    private final String insertUser;
    private final String selectCredentialByEmail;
    private final String selectById;
    private final String deleteById;

    public UserStore(Database db) {
        this.db = db;
        this.insertUser = db.sql(INSERT_USER);
        this.selectCredentialByEmail = db.sql(SELECT_CREDENTIAL_BY_EMAIL);
        this.selectById = db.sql(SELECT_BY_ID);
        this.deleteById = db.sql(DELETE_BY_ID);
    }

    /**
     * Creates a user and its credential account in one transaction.
     *
     * @throws PortcullisException {@code USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL} when the email is taken
     */
    public User create(String email, String name, String image, String role, String passwordHash, Instant now) {
        String id = Ids.newId();
        try {
            db.inTransaction(h -> {
                h.createUpdate(insertUser).bind("id", id).bind("email", email).bind("name", name)
                        .bind("image", image).bind("role", role).bind("now", now).execute();
                h.createUpdate(INSERT_CREDENTIAL).bind("id", Ids.newId()).bind("userId", id)
                        .bind("hash", passwordHash).bind("now", now).execute();
                return null;
            });
        } catch (RuntimeException e) {
            // Two sign-ups racing for one email: the unique index decides, the loser gets the usual answer.
            if (DatabaseFailures.isUniqueViolation(e)) throw new PortcullisException(ErrorCode.USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL);
            throw e;
        }
        return new User(id, email, name, false, image, role, false, null, null, now, now);
    }

    public Optional<Credential> findCredentialByEmail(String email) {
        return db.withHandle(h -> h.createQuery(selectCredentialByEmail).bind("email", email)
                .map((rs, ctx) -> new Credential(UserRows.read(rs), rs.getString("password_hash")))
                .findOne());
    }

    public Optional<User> findById(String id) {
        return db.withHandle(h -> h.createQuery(selectById).bind("id", id).map((rs, ctx) -> UserRows.read(rs)).findOne());
    }

    public void updatePasswordHash(String userId, String passwordHash, Instant now) {
        db.withHandle(h -> h.createUpdate(UPDATE_PASSWORD_HASH).bind("userId", userId).bind("hash", passwordHash)
                .bind("now", now).execute());
    }

    /** Deletes the user; accounts and sessions go with it through their foreign keys. */
    public boolean delete(String userId) {
        return db.withHandle(h -> h.createUpdate(deleteById).bind("id", userId).execute()) > 0;
    }
}
