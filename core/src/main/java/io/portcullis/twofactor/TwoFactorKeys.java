package io.portcullis.twofactor;

import io.portcullis.config.ServerSecret;
import io.portcullis.twofactor.ServerSecretCheck.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server-secret keyed parts of two-factor authentication (the TOTP secrets' cipher, the backup
 * codes' hashes), made at first use once the secret was compared with the database's record (see
 * {@link ServerSecretCheck}), and compared again before each write. Thread-safe.
 */
final class TwoFactorKeys {
    private static final Logger LOG = LoggerFactory.getLogger(TwoFactorKeys.class);
    /** How long a mismatch is answered from memory, so that a misconfigured instance fails fast and queries little. */
    private static final Duration MISMATCH_REMEMBERED = Duration.ofSeconds(10);

    /** The keyed parts of one server secret. */
    record Keys(byte[] serverSecret, SecretCipher cipher, BackupCodes backupCodes) {
        static Keys of(byte[] serverSecret) {
            return new Keys(serverSecret, new SecretCipher(serverSecret), new BackupCodes(serverSecret));
        }

        @Override
        public String toString() {
            return "Keys[****]";
        }
    }

    /** Keys and how the comparison that made them went. */
    private record Loaded(Keys keys, Outcome outcome) {}

    private final Supplier<ServerSecret> secret;
    private final ServerSecretCheck check;
    private final Clock clock;
    private volatile Keys keys;
    /** When the secret was last found to differ from the record; null when it was not. Guarded by this. */
    private Instant mismatchSeenAt;
    /** Counts the times the keys were dropped or replaced, so that a comparison begun before is not taken for current. Guarded by this. */
    private long generation;
    /**
     * Whether the mismatch in force was logged: once per mismatch, not per refused request (a server
     * with the wrong secret would otherwise log every two-factor request). Guarded by this.
     */
    private boolean mismatchLogged;

    TwoFactorKeys(Supplier<ServerSecret> secret, ServerSecretCheck check, Clock clock) {
        this.secret = secret;
        this.check = check;
        this.clock = clock;
    }

    /**
     * Compares the secret with the database's record, recording it when none is, unless done already.
     *
     * @return {@code MATCHES}, or {@code RECORDED} when the database recorded none before
     * @throws ServerSecretMismatchException when the database's two-factor data is under another secret
     */
    Outcome check() {
        return load().outcome();
    }

    /** @throws ServerSecretMismatchException as {@link #check()} */
    Keys forReading() {
        Keys k = keys;
        return k != null ? k : load().keys();
    }

    /**
     * The keys, compared with the record once more before they write (enrolment, new backup codes):
     * an instance left running through a {@code secret replace} stops writing under the old secret,
     * and, its keys dropped, refuses every two-factor request after that.
     *
     * @throws ServerSecretMismatchException as {@link #check()}
     */
    Keys forWriting() {
        Keys k = forReading();
        if (check.compare(k.serverSecret()) == Outcome.DIFFERS) {
            synchronized (this) {
                if (keys == k) {
                    keys = null;
                    generation++;
                    mismatchFound();
                }
            }
            throw new ServerSecretMismatchException();
        }
        return k;
    }

    /** Compares the secret with the database's record, writing nothing. */
    Outcome examine() {
        return check.examine(secret.get().bytes());
    }

    /** The emails of the users whose enrolment the secret cannot read. */
    List<String> unreadableEnrolments() {
        return check.unreadableEnrolments(secret.get().bytes());
    }

    /** What a replacement found: whether a secret was recorded before, and the enrolments the new one cannot read (emails). */
    record Replacement(boolean previousRecord, List<String> unreadableEnrolments) {}

    /** Records the secret as the database's in place of the old one, and uses it from now on. */
    Replacement replace() {
        byte[] bytes = secret.get().bytes();
        boolean previousRecord = check.replace(bytes);
        synchronized (this) {
            keys = Keys.of(bytes);
            generation++;
            mismatchSeenAt = null;
            mismatchLogged = false;
        }
        return new Replacement(previousRecord, check.unreadableEnrolments(bytes));
    }

    /** Called under this lock when a comparison finds another secret recorded. */
    private void mismatchFound() {
        mismatchSeenAt = clock.instant();
        if (mismatchLogged) return;
        mismatchLogged = true;
        LOG.error("two-factor requests are refused until this is fixed: {}", ServerSecretMismatchException.MESSAGE);
    }

    private Loaded load() {
        long seen;
        synchronized (this) {
            if (keys != null) return new Loaded(keys, Outcome.MATCHES);
            Instant now = clock.instant();
            // A clock set back does not prolong the memory.
            if (mismatchSeenAt != null && !now.isBefore(mismatchSeenAt) && now.isBefore(mismatchSeenAt.plus(MISMATCH_REMEMBERED))) {
                throw new ServerSecretMismatchException();
            }
            seen = generation;
        }
        // Outside the lock: a database that is slow or down holds up no other request. Parallel first
        // requests may each compare; comparing twice changes nothing.
        byte[] bytes = secret.get().bytes();
        Outcome outcome = check.compare(bytes);
        synchronized (this) {
            if (generation != seen) {
                // Dropped by a refused write, or replaced, meanwhile: this comparison is out of date.
                if (keys != null) return new Loaded(keys, Outcome.MATCHES);
                throw new ServerSecretMismatchException();
            }
            if (outcome == Outcome.DIFFERS) {
                // Nothing is kept but the time: after a while, a request compares again (the record may have been replaced).
                mismatchFound();
                throw new ServerSecretMismatchException();
            }
            mismatchSeenAt = null;
            mismatchLogged = false;
            if (keys == null) keys = Keys.of(bytes);
            return new Loaded(keys, outcome);
        }
    }
}
