package io.portcullis.session;

import io.portcullis.ErrorCode;
import io.portcullis.PortcullisException;
import io.portcullis.db.Database;
import io.portcullis.db.DialectCleanup;
import io.portcullis.db.KeyedCleanup;
import io.portcullis.db.Rows;
import io.portcullis.user.User;
import io.portcullis.user.UserRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Handle;

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

    /**
     * The hot path: a read through the unique index on token_hash, the user joined in, for one token or
     * for several at once, as concurrent requests' lookups are coalesced: one such SELECT per token
     * (:h0, :h1, …), joined by UNION ALL. Each is an equality on the unique index, which every planner
     * answers with that index whatever its statistics say; an {@code IN} list was seen to get sequential
     * scans of both tables on PostgreSQL before the first ANALYZE. Lists are padded to a power of two
     * with a hash that matches nothing, so that the database sees seven distinct statements and keeps
     * each one prepared.
     */
    private static final String SELECT_WITH_USER_BY_ONE_OF_TOKEN_HASHES = """
            SELECT s.token_hash, %s, %s
            FROM session s JOIN <user> u ON u.id = s.user_id
            WHERE s.token_hash = :h<n>""".formatted(SESSION_COLUMNS, UserRows.COLUMNS);

    /** The most tokens one read looks up: a power of two. */
    public static final int MAX_TOKENS_PER_READ = 64;
    /** Pads a list of token hashes: no SHA-256 in hex is one character long. */
    private static final String NO_TOKEN_HASH = "-";

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

    private static final String SELECT_BY_ID = "SELECT " + SESSION_COLUMNS + " FROM session s WHERE s.id = :id";

    /** A user's live sessions, least recently active first: the order in which the session cap evicts. */
    private static final String SELECT_LIVE_IDS_BY_ACTIVITY = """
            SELECT s.id FROM session s
            WHERE s.user_id = :userId AND s.expires_at > :now AND s.absolute_expires_at > :now
            ORDER BY s.last_active_at, s.created_at, s.id""";

    /**
     * Held until the transaction ends: session creation, rotation and bulk revocation of one user, and
     * changes of their password or ban, happen one at a time.
     */
    private static final String LOCK_USER = "SELECT " + UserRows.COLUMNS + " FROM <user> u WHERE u.id = :id FOR UPDATE";
    /**
     * The user's password hash as last committed, read after {@link #LOCK_USER}, for session creation's
     * precondition. A statement of its own, and a locking read: a subquery of the lock's statement would
     * read from that statement's snapshot, taken before it waited for the lock (PostgreSQL, H2), and so
     * miss a password change that held the lock and committed meanwhile; a plain read would, at REPEATABLE
     * READ (MariaDB's default, which {@link io.portcullis.db.Database} replaces), use a snapshot the
     * transaction took earlier.
     */
    private static final String LOCK_PASSWORD_HASH = """
            SELECT a.password_hash FROM account a WHERE a.user_id = :id AND a.provider_id = 'credential' FOR UPDATE""";

    private static final String DELETE_BY_ID = "DELETE FROM session WHERE id = :id";
    private static final String DELETE_BY_ID_OF_USER = "DELETE FROM session WHERE id = :id AND user_id = :userId";
    private static final String DELETE_ALL_OF_USER = "DELETE FROM session WHERE user_id = :userId";
    private static final String DELETE_OTHERS_OF_USER = "DELETE FROM session WHERE user_id = :userId AND id <> :keepId";

    /**
     * A batch of expired sessions, in one statement on H2 and PostgreSQL (whose SKIP LOCKED lets instances
     * that clean up at once take disjoint batches), in two on MariaDB: see {@link KeyedCleanup}.
     */
    private static final DialectCleanup DELETE_EXPIRED_BATCH = new DialectCleanup(
            "DELETE FROM session WHERE id IN (SELECT id FROM session WHERE expires_at <= :now LIMIT :batch)",
            "DELETE FROM session WHERE id IN (SELECT id FROM session WHERE expires_at <= :now LIMIT :batch FOR UPDATE SKIP LOCKED)",
            new KeyedCleanup("session", "id", "expires_at <= :now"),
            "now");

    private final Database db;
    /** Indexed by the base-2 logarithm of the list's size: 1, 2, 4 … {@link #MAX_TOKENS_PER_READ} tokens. */
    private final List<String> selectWithUserByTokenHashes;
    private final String lockUser;

    public SessionStore(Database db) {
        this.db = db;
        List<String> byHashes = new ArrayList<>();
        for (int size = 1; size <= MAX_TOKENS_PER_READ; size *= 2) {
            String union = IntStream.range(0, size)
                    .mapToObj(i -> SELECT_WITH_USER_BY_ONE_OF_TOKEN_HASHES.replace("<n>", String.valueOf(i)))
                    .collect(Collectors.joining("\nUNION ALL\n"));
            byHashes.add(db.sql(union));
        }
        this.selectWithUserByTokenHashes = List.copyOf(byHashes);
        this.lockUser = db.sql(LOCK_USER);
    }

    /** A plain insert, without the user's lock or any check: for arranging rows directly. Sessions of users come from {@link #create}. */
    public void insert(Session s, String tokenHash) {
        db.withHandle(h -> insert(h, s, tokenHash));
    }

    private static int insert(Handle h, Session s, String tokenHash) {
        return h.createUpdate(INSERT)
                .bind("id", s.id()).bind("tokenHash", tokenHash).bind("userId", s.userId())
                .bind("createdAt", s.createdAt()).bind("expiresAt", s.expiresAt())
                .bind("absoluteExpiresAt", s.absoluteExpiresAt()).bind("rememberMe", s.rememberMe())
                .bind("ipAddress", s.ipAddress()).bind("userAgent", s.userAgent()).bind("authMethod", s.authMethod())
                .execute();
    }

    /**
     * Creates a session in one transaction that first locks the user's row, so that everything that
     * changes a user's sessions or credentials happens one at a time per user: the precondition is
     * checked against the committed state, and parallel sign-ins count and insert one after another.
     * With {@code max > 0} the user may hold at most {@code max} live sessions.
     *
     * @param whileEvicting called with the evicted ids, in this transaction, before the new session is stored;
     *                      what it writes commits with the eviction, and when it throws nothing is kept
     * @return the ids of the sessions evicted to make room (least recently active first)
     * @throws PortcullisException {@code BANNED_USER}, the precondition's refusal, or
     *                             {@code TOO_MANY_SESSIONS} at the cap when {@code evict} is false
     */
    public List<String> create(Session s, String tokenHash, SessionPrecondition precondition, int max, boolean evict,
                               Consumer<List<String>> whileEvicting) {
        return db.inTransaction(h -> {
            User locked = lockUser(h, s.userId()).orElseThrow(() -> new PortcullisException(precondition.refusal()));
            if (locked.isBannedAt(s.createdAt())) throw new PortcullisException(ErrorCode.BANNED_USER);
            String fingerprint = precondition.passwordFingerprint();
            if (fingerprint != null) {
                String passwordHash = h.createQuery(LOCK_PASSWORD_HASH).bind("id", s.userId()).mapTo(String.class).findOne().orElse(null);
                if (passwordHash == null || !fingerprint.equals(SessionPrecondition.fingerprint(passwordHash))) {
                    throw new PortcullisException(precondition.refusal());
                }
            }
            List<String> evicted = max > 0 ? makeRoom(h, s, max, evict) : List.of();
            if (!evicted.isEmpty()) whileEvicting.accept(evicted);
            insert(h, s, tokenHash);
            return evicted;
        });
    }

    private static List<String> makeRoom(Handle h, Session s, int max, boolean evict) {
        List<String> live = h.createQuery(SELECT_LIVE_IDS_BY_ACTIVITY).bind("userId", s.userId())
                .bind("now", s.createdAt()).mapTo(String.class).list();
        int excess = live.size() - max + 1;
        List<String> evicted = excess > 0 ? live.subList(0, excess) : List.of();
        if (!evicted.isEmpty() && !evict) throw new PortcullisException(ErrorCode.TOO_MANY_SESSIONS);
        for (String id : evicted) h.createUpdate(DELETE_BY_ID).bind("id", id).execute();
        return evicted;
    }

    /** Locks the user's row until the transaction ends. @return the user as committed, or empty when gone */
    private Optional<User> lockUser(Handle h, String userId) {
        return h.createQuery(lockUser).bind("id", userId).map((rs, ctx) -> UserRows.read(rs)).findOne();
    }

    /**
     * Replaces one session with another in one transaction (rotation), under the user's lock, so the
     * count of the user's sessions never changes.
     *
     * @throws PortcullisException {@code UNAUTHORIZED} when the old session was revoked meanwhile
     */
    public void replace(String oldId, Session replacement, String tokenHash) {
        db.inTransaction(h -> {
            lockUser(h, replacement.userId()).orElseThrow(() -> new PortcullisException(ErrorCode.UNAUTHORIZED));
            if (h.createUpdate(DELETE_BY_ID).bind("id", oldId).execute() == 0) throw new PortcullisException(ErrorCode.UNAUTHORIZED);
            return insert(h, replacement, tokenHash);
        });
    }

    public Optional<Session> findById(String id) {
        return db.withHandle(h -> h.createQuery(SELECT_BY_ID).bind("id", id).map((rs, ctx) -> read(rs)).findOne());
    }

    public boolean deleteById(String id) {
        return db.withHandle(h -> h.createUpdate(DELETE_BY_ID).bind("id", id).execute()) > 0;
    }

    /** Deletes the session only if it belongs to the user. */
    public boolean deleteByIdOfUser(String id, String userId) {
        return db.withHandle(h -> h.createUpdate(DELETE_BY_ID_OF_USER).bind("id", id).bind("userId", userId).execute()) > 0;
    }

    /** Under the user's lock, like session creation, so that the two never interleave (and cannot deadlock). */
    public int deleteAllOfUser(String userId) {
        return db.inTransaction(h -> {
            lockUser(h, userId);
            return h.createUpdate(DELETE_ALL_OF_USER).bind("userId", userId).execute();
        });
    }

    public int deleteOthersOfUser(String userId, String keepId) {
        return db.inTransaction(h -> {
            lockUser(h, userId);
            return h.createUpdate(DELETE_OTHERS_OF_USER).bind("userId", userId).bind("keepId", keepId).execute();
        });
    }

    /** The session and its user, whether or not expired (the caller decides validity against its clock). */
    public Optional<SessionOfUser> findByTokenHash(String tokenHash) {
        return Optional.ofNullable(findByTokenHashes(List.of(tokenHash)).get(tokenHash));
    }

    /**
     * {@link #findByTokenHash} for several tokens in one statement.
     *
     * @param tokenHashes 1 to {@link #MAX_TOKENS_PER_READ} distinct hashes
     * @return the sessions found, with their users, by token hash; a hash with no session is absent
     */
    public Map<String, SessionOfUser> findByTokenHashes(List<String> tokenHashes) {
        int count = tokenHashes.size();
        if (count < 1 || count > MAX_TOKENS_PER_READ) {
            throw new IllegalArgumentException("1 to " + MAX_TOKENS_PER_READ + " hashes, not " + count);
        }
        int sizeIndex = 32 - Integer.numberOfLeadingZeros(count - 1); // the smallest power of two ≥ count
        return db.withHandle(h -> {
            var query = h.createQuery(selectWithUserByTokenHashes.get(sizeIndex));
            for (int i = 0; i < 1 << sizeIndex; i++) query.bind("h" + i, i < count ? tokenHashes.get(i) : NO_TOKEN_HASH);
            return query.map((rs, ctx) -> Map.entry(rs.getString("token_hash"), new SessionOfUser(read(rs), UserRows.read(rs))))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        });
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

    /** Deletes at most {@code batch} rows expired at {@code now}; the dialect makes it safe for concurrent instances. */
    public KeyedCleanup.Batch deleteExpiredBatch(Instant now, int batch) {
        return DELETE_EXPIRED_BATCH.batch(db, now, batch);
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
