package io.portcullis.lockout;

import io.portcullis.db.Database;
import io.portcullis.db.KeyedCleanup;
import io.portcullis.db.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The {@code login_attempt} table. Every change to an identifier's row happens under a row lock,
 * so that parallel attempts against one account are counted one after the other.
 */
final class LoginAttemptStore {
    /** Creates the row to lock; a row created meanwhile by another request is left as it is. */
    private static final String INSERT_IF_ABSENT_POSTGRESQL = """
            INSERT INTO login_attempt (identifier, failures, pending, locks) VALUES (:identifier, 0, 0, 0)
            ON CONFLICT (identifier) DO NOTHING""";
    private static final String INSERT_IF_ABSENT_MARIADB = """
            INSERT IGNORE INTO login_attempt (identifier, failures, pending, locks) VALUES (:identifier, 0, 0, 0)""";
    private static final String INSERT_IF_ABSENT_H2 = """
            MERGE INTO login_attempt t USING (VALUES (CAST(:identifier AS CHAR(64)))) s (identifier)
            ON t.identifier = s.identifier
            WHEN NOT MATCHED THEN INSERT (identifier, failures, pending, locks) VALUES (s.identifier, 0, 0, 0)""";

    private static final String COLUMNS = "failures, pending, locks, locked_until, last_failure_at, last_attempt_at";

    private static final String SELECT = "SELECT " + COLUMNS + " FROM login_attempt WHERE identifier = :identifier";

    private static final String SELECT_FOR_UPDATE = SELECT + " FOR UPDATE";

    /** The rows of several identifiers at once (a page of an administrator's user list). */
    private static final String SELECT_MANY = "SELECT identifier, " + COLUMNS + " FROM login_attempt WHERE identifier IN (%s)";

    /**
     * An admission, in one statement, of an attempt on a row with nothing to decide: no failures, no lock,
     * places left, no lost attempt to clear. It is what most sign-ins find, and it saves the locked read,
     * the round trip between read and write, and an explicit commit. Any other row takes the way through
     * {@link #update}. The update re-checks its conditions on the row as committed (it waits for the lock
     * of a concurrent change), so two admissions never both take the last place.
     */
    private static final String ADMIT_IF_CLEAN = """
            UPDATE login_attempt SET pending = pending + 1, last_attempt_at = :now
            WHERE identifier = :identifier AND failures = 0 AND locks = 0 AND locked_until IS NULL
              AND pending < :maxPending AND (pending = 0 OR last_attempt_at > :lostBefore)""";

    /**
     * A success, in one statement under the row's lock: failures and locks forgotten, the attempt's place
     * given back. {@code last_attempt_at} is set before {@code pending} because MariaDB assigns left to
     * right, each assignment seeing the ones before it; PostgreSQL and H2 read the old row throughout.
     */
    private static final String SUCCEEDED = """
            UPDATE login_attempt
            SET failures = 0, locks = 0, locked_until = NULL, last_failure_at = NULL,
                last_attempt_at = CASE WHEN pending <= 1 THEN NULL ELSE last_attempt_at END,
                pending = CASE WHEN pending <= 1 THEN 0 ELSE pending - 1 END
            WHERE identifier = :identifier""";

    private static final String UPDATE = """
            UPDATE login_attempt
            SET failures = :failures, pending = :pending, locks = :locks, locked_until = :lockedUntil,
                last_failure_at = :lastFailureAt, last_attempt_at = :lastAttemptAt
            WHERE identifier = :identifier""";

    /**
     * Rows whose history {@code lockout.resetAfter} has cleared: counted, as by the lockout itself, from
     * the last failure or the end of the last lock, whichever is later, so that a lock longer than
     * {@code resetAfter} is not forgotten as soon as it ends (the next one must be longer still). See
     * {@link KeyedCleanup} for why in two steps: no index serves this condition, so every database reads
     * the whole table, and MariaDB would lock every row it reads, those of sign-ins under way included.
     */
    private static final String STALE = """
            (last_failure_at IS NULL OR last_failure_at <= :failedBefore)
              AND (locked_until IS NULL OR locked_until <= :failedBefore)
              AND (pending = 0 OR last_attempt_at <= :failedBefore)""";
    private static final KeyedCleanup DELETE_STALE = new KeyedCleanup("login_attempt", "identifier", STALE);
    private static final int CLEANUP_BATCH = 500;

    private final Database db;
    private final String insertIfAbsent;

    LoginAttemptStore(Database db) {
        this.db = db;
        this.insertIfAbsent = switch (db.dialect()) {
            case POSTGRESQL -> INSERT_IF_ABSENT_POSTGRESQL;
            case MARIADB -> INSERT_IF_ABSENT_MARIADB;
            case H2 -> INSERT_IF_ABSENT_H2;
        };
    }

    /** What one change did: the row before it and after it. */
    record Change(LoginAttempt before, LoginAttempt after) {}

    /**
     * Reads the identifier's row under a lock, applies {@code change} and writes the result, all in one
     * transaction. Rows are never deleted here, only reset: a row deleted under a waiting attempt would
     * let it count from nothing; the cleanup deletes rows that hold nothing. A missing row is created in a
     * statement of its own, outside the transaction, and then locked like any other: creating it inside
     * the transaction would let two first attempts both pass (or, on MariaDB, deadlock on the gap lock).
     * Most rows exist already, so the lock is tried first: one transaction is then the whole change.
     */
    Change update(String identifier, UnaryOperator<LoginAttempt> change) {
        while (true) {
            Change done = db.inTransaction(h -> {
                Optional<LoginAttempt> before = read(h, SELECT_FOR_UPDATE, identifier);
                // No row yet, or deleted since (an unlock, the cleanup): create it and start again, never work blind.
                if (before.isEmpty()) return null;
                LoginAttempt after = change.apply(before.get());
                if (!after.equals(before.get())) write(h, identifier, after);
                return new Change(before.get(), after);
            });
            if (done != null) return done;
            db.withHandle(h -> insertIfAbsent(h, identifier));
        }
    }

    /**
     * Admits an attempt in one statement when the row holds no failure or lock and fewer than
     * {@code maxPending} attempts under way, none of them lost (older than {@code lostBefore}).
     *
     * @return false when it did not (no row yet, or a row that {@link #update} must decide on)
     */
    boolean admitIfClean(String identifier, Instant now, Instant lostBefore, int maxPending) {
        return db.withHandle(h -> h.createUpdate(ADMIT_IF_CLEAN).bind("identifier", identifier).bind("now", now)
                .bind("lostBefore", lostBefore).bind("maxPending", maxPending).execute()) == 1;
    }

    /**
     * Records a success: failures and locks forgotten, one pending place given back. There is nothing to
     * decide on the row first, so it is one statement, without a read. A row deleted meanwhile held
     * nothing, and is left absent (the same as a row of zeros).
     */
    void succeeded(String identifier) {
        db.withHandle(h -> h.createUpdate(SUCCEEDED).bind("identifier", identifier).execute());
    }

    private int insertIfAbsent(Handle h, String identifier) {
        try {
            return h.createUpdate(insertIfAbsent).bind("identifier", identifier).execute();
        } catch (UnableToExecuteStatementException e) {
            // H2's MERGE is not atomic against a concurrent insert of the same key: the row exists, as wanted.
            if (e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState())) return 0;
            throw e;
        }
    }

    /** The row as stored, without a lock: for reading the state, never for deciding a change. */
    Optional<LoginAttempt> find(String identifier) {
        return db.withHandle(h -> read(h, SELECT, identifier));
    }

    /** The rows of these identifiers as stored, without a lock; an identifier without a row is absent. */
    Map<String, LoginAttempt> findAll(Collection<String> identifiers) {
        if (identifiers.isEmpty()) return Map.of();
        List<String> each = List.copyOf(identifiers);
        String placeholders = IntStream.range(0, each.size()).mapToObj(i -> ":identifier" + i).collect(Collectors.joining(", "));
        return db.withHandle(h -> {
            Query query = h.createQuery(SELECT_MANY.formatted(placeholders));
            for (int i = 0; i < each.size(); i++) query.bind("identifier" + i, each.get(i));
            Map<String, LoginAttempt> found = new HashMap<>();
            query.map((rs, ctx) -> Map.entry(rs.getString("identifier"), attempt(rs, ctx)))
                    .forEach(row -> found.put(row.getKey(), row.getValue()));
            return found;
        });
    }

    private static Optional<LoginAttempt> read(Handle h, String sql, String identifier) {
        return h.createQuery(sql).bind("identifier", identifier).map(LoginAttemptStore::attempt).findOne();
    }

    private static LoginAttempt attempt(ResultSet rs, StatementContext ctx) throws SQLException {
        return new LoginAttempt(rs.getInt("failures"), rs.getInt("pending"), rs.getInt("locks"),
                Rows.instant(rs, "locked_until"), Rows.instant(rs, "last_failure_at"), Rows.instant(rs, "last_attempt_at"));
    }

    private static void write(Handle h, String identifier, LoginAttempt a) {
        h.createUpdate(UPDATE).bind("identifier", identifier)
                .bind("failures", a.failures()).bind("pending", a.pending()).bind("locks", a.locks())
                .bindByType("lockedUntil", a.lockedUntil(), Instant.class)
                .bindByType("lastFailureAt", a.lastFailureAt(), Instant.class)
                .bindByType("lastAttemptAt", a.lastAttemptAt(), Instant.class)
                .execute();
    }

    /** @return how many rows were deleted */
    int deleteStale(Instant failedBefore) {
        return DELETE_STALE.all(db, Map.of("failedBefore", failedBefore), CLEANUP_BATCH);
    }
}
