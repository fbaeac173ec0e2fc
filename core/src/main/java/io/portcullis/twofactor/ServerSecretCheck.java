package io.portcullis.twofactor;

import io.portcullis.db.Database;
import io.portcullis.db.DatabaseException;
import io.portcullis.db.DatabaseFailures;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Whether this instance has the server secret the database's two-factor data is written under. The
 * table {@code server_secret_check} records a value derived from that secret; the first instance
 * that needs the secret records its own. Instances that share a database with different secrets
 * would otherwise each write enrolments that the others cannot read, and answer 500 to those users.
 */
public final class ServerSecretCheck {
    private static final String ID = "server";

    private static final String SELECT = "SELECT check_value FROM server_secret_check WHERE id = '" + ID + "'";

    private static final String INSERT = """
            INSERT INTO server_secret_check (id, check_value, recorded_at) VALUES ('""" + ID + "', :value, :now)";

    private static final String REPLACE = """
            UPDATE server_secret_check SET check_value = :value, recorded_at = :now WHERE id = '""" + ID + "'";

    /** A database from before the record: the newest enrolment tells which secret its data is under. */
    private static final String NEWEST_ENROLMENT = """
            SELECT user_id, secret_encrypted FROM two_factor ORDER BY created_at DESC, user_id LIMIT 1""";

    private static final String ENROLMENTS = """
            SELECT t.user_id, t.secret_encrypted, u.email FROM two_factor t JOIN <user> u ON u.id = t.user_id ORDER BY u.email""";

    /** The HKDF purpose of the check value: a key of its own, which keys nothing. */
    private static final String INFO = "portcullis server secret check v1";

    /** What a comparison with the database found. */
    public enum Outcome {
        /** The database records this secret. */
        MATCHES,
        /** The database records no secret, and its enrolments (if any) can be read under this one. */
        NOT_RECORDED,
        /** The database recorded nothing yet; now it records this secret. */
        RECORDED,
        /** The database's two-factor data is under another secret; nothing was written. */
        DIFFERS
    }

    private final Database db;
    private final String enrolments;
    private final Clock clock;

    public ServerSecretCheck(Database db, Clock clock) {
        this.db = db;
        this.enrolments = db.sql(ENROLMENTS);
        this.clock = clock;
    }

    /**
     * Compares {@code serverSecret} with the database's record, writing nothing: {@code MATCHES},
     * {@code DIFFERS}, or, without a record, {@code NOT_RECORDED} when the newest enrolment made before
     * the record existed decrypts under it (or there is none) and {@code DIFFERS} when it does not.
     */
    public Outcome examine(byte[] serverSecret) {
        Optional<String> recorded = recorded();
        if (recorded.isPresent()) return recorded.get().equals(value(serverSecret)) ? Outcome.MATCHES : Outcome.DIFFERS;
        return newestEnrolmentDecrypts(serverSecret) ? Outcome.NOT_RECORDED : Outcome.DIFFERS;
    }

    /** As {@link #examine}, and records the secret instead of answering {@code NOT_RECORDED}. */
    public Outcome compare(byte[] serverSecret) {
        Outcome examined = examine(serverSecret);
        if (examined != Outcome.NOT_RECORDED) return examined;
        String value = value(serverSecret);
        try {
            db.withHandle(h -> h.createUpdate(INSERT).bind("value", value).bind("now", clock.instant().truncatedTo(ChronoUnit.MILLIS)).execute());
            return Outcome.RECORDED;
        } catch (DatabaseException e) {
            if (!DatabaseFailures.isUniqueViolation(e)) throw e;
            // Another instance recorded its secret meanwhile: the same one, or not.
            return recorded().map(value::equals).orElse(false) ? Outcome.MATCHES : Outcome.DIFFERS;
        }
    }

    /**
     * Records {@code serverSecret} in place of whatever was recorded: after the old secret was lost.
     *
     * @return whether a secret was recorded before (false: this is the database's first record)
     */
    public boolean replace(byte[] serverSecret) {
        String value = value(serverSecret);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (update(value, now)) return true;
        try {
            db.withHandle(h -> h.createUpdate(INSERT).bind("value", value).bind("now", now).execute());
            return false;
        } catch (DatabaseException e) {
            if (!DatabaseFailures.isUniqueViolation(e)) throw e;
            // A starting instance recorded its secret meanwhile: replaced all the same.
            update(value, now);
            return true;
        }
    }

    private boolean update(String value, Instant now) {
        return db.withHandle(h -> h.createUpdate(REPLACE).bind("value", value).bind("now", now).execute()) == 1;
    }

    /**
     * The emails of the users whose enrolment does not decrypt under {@code serverSecret}: after a
     * replacement, their two-factor authentication has to be turned off, and set up again.
     */
    public List<String> unreadableEnrolments(byte[] serverSecret) {
        SecretCipher cipher = new SecretCipher(serverSecret);
        return db.withHandle(h -> h.createQuery(enrolments)
                        .map((rs, ctx) -> new Enrolled(rs.getString("user_id"), rs.getString("secret_encrypted"), rs.getString("email"))).list())
                .stream().filter(e -> !decrypts(cipher, e.userId(), e.secretEncrypted())).map(Enrolled::email).toList();
    }

    private record Enrolled(String userId, String secretEncrypted, String email) {}

    private Optional<String> recorded() {
        return db.withHandle(h -> h.createQuery(SELECT).mapTo(String.class).findOne()).map(String::strip);
    }

    private boolean newestEnrolmentDecrypts(byte[] serverSecret) {
        SecretCipher cipher = new SecretCipher(serverSecret);
        return db.withHandle(h -> h.createQuery(NEWEST_ENROLMENT)
                .map((rs, ctx) -> decrypts(cipher, rs.getString("user_id"), rs.getString("secret_encrypted"))).findOne())
                .orElse(true);
    }

    private static boolean decrypts(SecretCipher cipher, String userId, String stored) {
        try {
            cipher.decrypt(userId, stored);
            return true;
        } catch (UnreadableSecretException e) {
            return false;
        }
    }

    /** The value recorded for {@code serverSecret}: 64 hex characters. */
    static String value(byte[] serverSecret) {
        return HexFormat.of().formatHex(Hkdf.key(serverSecret, INFO));
    }
}
