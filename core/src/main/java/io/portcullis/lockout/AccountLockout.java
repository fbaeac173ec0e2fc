package io.portcullis.lockout;

import io.portcullis.ErrorCode;
import io.portcullis.PortcullisException;
import io.portcullis.Sha256;
import io.portcullis.Timestamps;
import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditTrail;
import io.portcullis.audit.AuditType;
import io.portcullis.config.LockoutConfig;
import io.portcullis.db.Database;
import io.portcullis.notice.SecurityNotices;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Account lockout per normalised email, known or not.
 *
 * <p>An attempt must be admitted before its password is checked: under a lock on the account's row,
 * it is admitted only while confirmed failures plus attempts still being checked stay below
 * {@code maxFailures}, so of any number of parallel attempts at most {@code maxFailures} failures can
 * ever be checked before the account locks. An attempt that finds that budget taken waits for the
 * outcome of the ones under way (a right password frees the budget, wrong ones lock the account)
 * instead of being refused: parallel sign-ins with the right password all get through.
 */
public final class AccountLockout {
    private static final Logger LOG = LoggerFactory.getLogger(AccountLockout.class);
    /** An attempt still pending after this long was lost (its server died): it stops holding the budget. */
    static final Duration PENDING_EXPIRY = Duration.ofMinutes(1);
    /**
     * How long an attempt waits for the outcome of attempts under way before it gives up. Only attempts
     * with the right password can keep others waiting (wrong ones lock the account, and the waiting
     * are refused at once), so a long wait is a queue of genuine sign-ins on a busy machine.
     */
    static final Duration ADMISSION_WAIT = Duration.ofSeconds(30);
    /** Outcomes on other instances are noticed by reading the row again this often. */
    private static final long POLL_MILLIS = 25;

    /** Notified at every outcome on this instance, so that a waiting attempt here need not wait for its next poll. */
    private final Object outcomes = new Object();

    private final Database database;
    private final LoginAttemptStore store;
    private final LockoutConfig config;
    private final AuditTrail audit;
    private final SecurityNotices notices;
    private final Clock clock;

    public AccountLockout(Database database, LockoutConfig config, AuditTrail audit, SecurityNotices notices, Clock clock) {
        this.database = database;
        this.store = new LoginAttemptStore(database);
        this.config = config;
        this.audit = audit;
        this.notices = notices;
        this.clock = clock;
    }

    /**
     * Starts an attempt on the account with this (normalised) email; exactly one of
     * {@link Attempt#succeeded()} or {@link Attempt#failed} must follow.
     *
     * @throws PortcullisException {@code ACCOUNT_LOCKED}, with the time until the lock lifts, while locked
     */
    public Attempt begin(String email) {
        String identifier = identifier(email);
        Instant start = now();
        if (store.admitIfClean(identifier, start, start.minus(PENDING_EXPIRY), config.maxFailures())) return new Attempt(identifier, email);
        long deadline = System.nanoTime() + ADMISSION_WAIT.toNanos();
        while (true) {
            Instant now = now();
            LoginAttemptStore.Change change = store.update(identifier, current -> admitted(current, now));
            LoginAttempt before = change.before();
            if (before.isLockedAt(now)) {
                throw PortcullisException.retryLater(ErrorCode.ACCOUNT_LOCKED, Duration.between(now, before.lockedUntil()));
            }
            if (!change.after().equals(before)) return new Attempt(identifier, email);
            if (System.nanoTime() > deadline) {
                // Refuse rather than check one password too many.
                throw new PortcullisException(ErrorCode.SERVICE_UNAVAILABLE, "Too many sign-ins are under way for this account: try again");
            }
            awaitOutcome();
        }
    }

    /**
     * The row as it stands at {@code now}: forgotten history and lost attempts cleared. An expired lock's
     * end is kept, as the start of the quiet time {@code resetAfter} needs.
     */
    private LoginAttempt current(LoginAttempt row, Instant now) {
        // Counted from the end of the last lock too: no failure can happen during a lock, and a lock as long
        // as resetAfter must not wipe the history that made it that long.
        Instant lastBad = row.lockedUntil() != null && (row.lastFailureAt() == null || row.lockedUntil().isAfter(row.lastFailureAt()))
                ? row.lockedUntil() : row.lastFailureAt();
        boolean forgotten = lastBad != null && !now.isBefore(lastBad.plus(config.resetAfter()));
        boolean lost = row.pending() > 0 && row.lastAttemptAt() != null && !now.isBefore(row.lastAttemptAt().plus(PENDING_EXPIRY));
        return new LoginAttempt(forgotten ? 0 : row.failures(), lost ? 0 : row.pending(), forgotten ? 0 : row.locks(),
                forgotten ? null : row.lockedUntil(), forgotten ? null : row.lastFailureAt(), row.lastAttemptAt());
    }

    /** The row after admitting one more attempt, or unchanged when it is locked or its budget is taken. */
    private LoginAttempt admitted(LoginAttempt row, Instant now) {
        if (row.isLockedAt(now)) return row;
        LoginAttempt c = current(row, now);
        if (c.failures() + c.pending() >= config.maxFailures()) return row;
        return new LoginAttempt(c.failures(), c.pending() + 1, c.locks(), c.lockedUntil(), c.lastFailureAt(), now);
    }

    /** The row after a pending attempt failed: the failure that reaches the limit locks the account. */
    private LoginAttempt failedOnce(LoginAttempt row, Instant now) {
        LoginAttempt c = current(row, now);
        int pending = Math.max(0, c.pending() - 1);
        int failures = c.failures() + 1;
        if (c.isLockedAt(now) || failures < config.maxFailures()) {
            return new LoginAttempt(c.isLockedAt(now) ? c.failures() : failures, pending, c.locks(), c.lockedUntil(), now, c.lastAttemptAt());
        }
        int locks = c.locks() + 1;
        return new LoginAttempt(0, pending, locks, now.plus(config.lockLength(locks)), now, c.lastAttemptAt());
    }

    private void awaitOutcome() {
        try {
            synchronized (outcomes) {
                outcomes.wait(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortcullisException(ErrorCode.SERVICE_UNAVAILABLE, "Interrupted");
        }
    }

    /**
     * Lifts the lock and forgets the failures of the account with this (normalised) email.
     *
     * @return whether the account was locked
     */
    public boolean unlock(String email) {
        Instant now = now();
        return store.update(identifier(email), row -> new LoginAttempt(0, row.pending(), 0, null, null, row.lastAttemptAt()))
                .before().isLockedAt(now);
    }

    /**
     * Where the account with this (normalised) email stands, for an administrator: the end of the lock
     * in force (null: none), and the failed attempts that count toward the next lock.
     */
    public State state(String email) {
        Instant now = now();
        return store.find(identifier(email)).map(row -> stateOf(row, now)).orElse(State.NONE);
    }

    /** {@link #state} of several accounts in one read, keyed by the (normalised) emails given. */
    public Map<String, State> states(Collection<String> emails) {
        Instant now = now();
        Map<String, String> emailOf = new HashMap<>();
        for (String email : emails) emailOf.put(identifier(email), email);
        Map<String, LoginAttempt> rows = store.findAll(emailOf.keySet());
        Map<String, State> states = new HashMap<>();
        for (Map.Entry<String, String> each : emailOf.entrySet()) {
            LoginAttempt row = rows.get(each.getKey());
            states.put(each.getValue(), row == null ? State.NONE : stateOf(row, now));
        }
        return states;
    }

    private State stateOf(LoginAttempt row, Instant now) {
        LoginAttempt c = current(row, now);
        return new State(c.isLockedAt(now) ? c.lockedUntil() : null, c.failures());
    }

    /** An account's lockout as an administrator sees it; see {@link #state}. */
    public record State(Instant lockedUntil, int failures) {
        /** An account with nothing on record. */
        public static final State NONE = new State(null, 0);
    }

    /** Deletes rows whose failures and locks {@code resetAfter} has forgotten. @return how many */
    public int cleanup() {
        return store.deleteStale(now().minus(config.resetAfter()));
    }

    /** The stored key: the table never names an account, and an unknown email is keyed like a known one. */
    static String identifier(String email) {
        return Sha256.hex(email);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private void signalOutcome() {
        synchronized (outcomes) {
            outcomes.notifyAll();
        }
    }

    /**
     * One admitted attempt; exactly one of {@link #succeeded()} or {@link #failed} follows. Used in
     * try-with-resources, so that an attempt cut short by an error gives its place back.
     */
    public final class Attempt implements AutoCloseable {
        private final String identifier;
        private final String email;
        private boolean open = true;

        private Attempt(String identifier, String email) {
            this.identifier = identifier;
            this.email = email;
        }

        /** The credential was right: the account's failures and any lock are forgotten. */
        public void succeeded() {
            open = false;
            store.succeeded(identifier);
            signalOutcome();
        }

        /**
         * The credential was right, and {@code work} (the session it opens, that session's audit event)
         * commits in one transaction with this outcome: a sign-in then waits for one commit, not one per
         * table. When {@code work} throws, none of it and none of the outcome is kept, and the attempt is
         * still open: {@link #succeeded()} or {@link #close()} must follow.
         *
         * @return what {@code work} returned
         */
        public <R> R succeeded(Supplier<R> work) {
            // The stores' own transactions join this one (Jdbi hands nested calls on a thread the same handle).
            R result = database.inTransaction(h -> {
                R done = work.get();
                store.succeeded(identifier);
                return done;
            });
            open = false;
            signalOutcome();
            return result;
        }

        /**
         * The credential was wrong: one more failure. When it locks the account, the lock is written to
         * the audit trail, on the user when there is one.
         */
        public void failed(String userId, Actor actor) {
            open = false;
            Instant now = now();
            LoginAttemptStore.Change change = store.update(identifier, row -> failedOnce(row, now));
            signalOutcome();
            LoginAttempt after = change.after();
            if (!after.isLockedAt(now) || change.before().isLockedAt(now)) return;
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("lockedUntil", Timestamps.iso(after.lockedUntil()));
            detail.put("lock", after.locks());
            if (userId == null) detail.put("email", email);
            audit.record(AuditType.ACCOUNT_LOCKED, userId, actor, detail);
            // Only an account's owner hears of it: mail to an address without an account would tell whoever
            // typed it nothing, and the owner of that address something they did not ask for.
            if (userId != null) notices.accountLocked(email, after.lockedUntil());
        }

        /**
         * The password was right but a second factor is still to come: the attempt gives its place back
         * and the failures stay. Only the second factor's success forgets them, so that someone who has
         * the password cannot reset the count by starting a new sign-in after every wrong code.
         */
        public void passedFirstFactor() {
            close();
            signalOutcome();
        }

        /** Without an outcome (an error came first), the attempt stops holding a place; it counts as nothing. */
        @Override
        public void close() {
            if (!open) return;
            open = false;
            try {
                store.update(identifier, row -> new LoginAttempt(row.failures(), Math.max(0, row.pending() - 1), row.locks(),
                        row.lockedUntil(), row.lastFailureAt(), row.lastAttemptAt()));
            } catch (RuntimeException e) {
                // The error that cut the attempt short is the one to report; the place expires by itself.
                LOG.warn("could not release a sign-in attempt: {}", e.getMessage());
            }
        }
    }
}
