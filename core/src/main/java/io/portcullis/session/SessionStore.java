package io.portcullis.session;

import io.portcullis.db.Database;
import io.portcullis.db.Rows;
import io.portcullis.user.User;
import io.portcullis.user.UserRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code session} table. Rows are looked up by {@code token_hash} only; the token is never stored. */
public final class SessionStore {
    private static final String SESSION_COLUMNS = """
            s.id, s.user_id, s.created_at, s.last_active_at, s.expires_at, s.absolute_expires_at,
            s.remember_me, s.ip_address, s.user_agent, s.auth_method""";

    private static final String INSERT = """
            INSERT INTO session (id, token_hash, user_id, created_at, last_active_at, expires_at,
                                 absolute_expires_at, remember_me, ip_address, user_agent, auth_method)
            VALUES (:id, :tokenHash, :userId, :createdAt, :createdAt, :expiresAt,
                    :absoluteExpiresAt, :rememberMe, :ipAddress, :userAgent, :authMethod)""";

    /** The hot path: one read through the unique index on token_hash, the user joined in. */
    private static final String SELECT_WITH_USER_BY_TOKEN_HASH = """
            SELECT %s, %s
            FROM session s JOIN <user> u ON u.id = s.user_id
            WHERE s.token_hash = :tokenHash""".formatted(SESSION_COLUMNS, UserRows.COLUMNS);

    /**
     * Sliding refresh. The condition makes it a compare-and-set: of concurrent requests only the first
     * writes, and a late writer holding an older clock reading can never move the times backwards.
     */
    private static final String TOUCH = """
            UPDATE session SET last_active_at = :now, expires_at = :expiresAt
            WHERE id = :id AND last_active_at <= :staleBefore""";

    private static final String SELECT_LIVE_BY_USER = """
            SELECT %s FROM session s
            WHERE s.user_id = :userId AND s.expires_at > :now AND s.absolute_expires_at > :now
            ORDER BY s.created_at DESC, s.id""".formatted(SESSION_COLUMNS);

    private static final String DELETE_BY_TOKEN_HASH = "DELETE FROM session WHERE token_hash = :tokenHash";

    private final Database db;
    private final String selectWithUserByTokenHash;

    public SessionStore(Database db) {
        this.db = db;
        this.selectWithUserByTokenHash = db.sql(SELECT_WITH_USER_BY_TOKEN_HASH);
    }

    public void insert(Session s, String tokenHash) {
        db.withHandle(h -> h.createUpdate(INSERT)
                .bind("id", s.id()).bind("tokenHash", tokenHash).bind("userId", s.userId())
                .bind("createdAt", s.createdAt()).bind("expiresAt", s.expiresAt())
                .bind("absoluteExpiresAt", s.absoluteExpiresAt()).bind("rememberMe", s.rememberMe())
                .bind("ipAddress", s.ipAddress()).bind("userAgent", s.userAgent()).bind("authMethod", s.authMethod())
                .execute());
    }

    /** The session and its user, whether or not expired (the caller decides validity against its clock). */
    public Optional<SessionOfUser> findByTokenHash(String tokenHash) {
        return db.withHandle(h -> h.createQuery(selectWithUserByTokenHash).bind("tokenHash", tokenHash)
                .map((rs, ctx) -> new SessionOfUser(read(rs), UserRows.read(rs)))
                .findOne());
    }

    /** @return true when this call moved the activity forward; false when the row was fresher or is gone */
    public boolean touch(String id, Instant now, Instant expiresAt, Instant staleBefore) {
        return db.withHandle(h -> h.createUpdate(TOUCH).bind("id", id).bind("now", now).bind("expiresAt", expiresAt)
                .bind("staleBefore", staleBefore).execute()) == 1;
    }

    public List<Session> listLive(String userId, Instant now) {
        return db.withHandle(h -> h.createQuery(SELECT_LIVE_BY_USER).bind("userId", userId).bind("now", now)
                .map((rs, ctx) -> read(rs)).list());
    }

    public boolean deleteByTokenHash(String tokenHash) {
        return db.withHandle(h -> h.createUpdate(DELETE_BY_TOKEN_HASH).bind("tokenHash", tokenHash).execute()) > 0;
    }

    /** Deletes at most {@code batch} rows expired at {@code now}; the dialect makes it safe for concurrent instances. */
    public int deleteExpiredBatch(Instant now, int batch) {
        return db.withHandle(h -> h.createUpdate(db.dialect().deleteExpiredSessionsBatch())
                .bind("now", now).bind("batch", batch).execute());
    }

    private static Session read(ResultSet rs) throws SQLException {
        return new Session(
                rs.getString("id"),
                rs.getString("user_id"),
                Rows.instant(rs, "created_at"),
                Rows.instant(rs, "last_active_at"),
                Rows.instant(rs, "expires_at"),
                Rows.instant(rs, "absolute_expires_at"),
                rs.getBoolean("remember_me"),
                rs.getString("ip_address"),
                rs.getString("user_agent"),
                rs.getString("auth_method"));
    }

    /** A session row with its user, as read on the hot path. */
    public record SessionOfUser(Session session, User user) {}
}
