package io.portcullis.verification;

import io.portcullis.ErrorCode;
import io.portcullis.Ids;
import io.portcullis.PortcullisException;
import io.portcullis.Sha256;
import io.portcullis.db.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * Single-use tokens sent by mail: 32 random bytes, base64url; only their SHA-256 is stored, so the
 * database never holds a working link.
 */
public final class VerificationTokens {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");
    /** How long an expired token's row is kept, so that its link is answered {@code TOKEN_EXPIRED} rather than {@code INVALID_TOKEN}. */
    static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(1);

    private final VerificationStore store;
    private final Clock clock;

    public VerificationTokens(Database database, Clock clock) {
        this.store = new VerificationStore(database);
        this.clock = clock;
    }

    /**
     * Deletes the rows of tokens expired for longer than {@link #KEPT_AFTER_EXPIRY}, used or not: without
     * it, every verification and reset mail would leave a row for as long as its user exists.
     *
     * @return how many
     */
    public int cleanup() {
        return store.deleteExpired(now().minus(KEPT_AFTER_EXPIRY));
    }

    /** A new token for this user and purpose, valid for {@code lifetime}. The value goes into a mail, nowhere else. */
    public String issue(String userId, VerificationPurpose purpose, Duration lifetime) {
        String token = Ids.randomBase64Url(32);
        Instant now = now();
        store.insert(Ids.newId(), userId, purpose, Sha256.hex(token), now, now.plus(lifetime));
        return token;
    }

    /**
     * Spends a token: it works once, even against parallel requests.
     *
     * @return the id of the user it was issued to
     * @throws PortcullisException {@code INVALID_TOKEN} (unknown, other purpose, already used) or {@code TOKEN_EXPIRED}
     */
    public String spend(String token, VerificationPurpose purpose) {
        VerificationStore.Row row = usable(token, purpose);
        if (!store.spend(row.id(), now())) throw new PortcullisException(ErrorCode.INVALID_TOKEN);
        return row.userId();
    }

    /**
     * The user a still usable token was issued to, without spending it.
     *
     * @throws PortcullisException {@code INVALID_TOKEN} or {@code TOKEN_EXPIRED}
     */
    public String peek(String token, VerificationPurpose purpose) {
        return usable(token, purpose).userId();
    }

    /** Voids every unspent token of the user for this purpose. */
    public void voidAll(String userId, VerificationPurpose purpose) {
        store.spendAll(userId, purpose, now());
    }

    private VerificationStore.Row usable(String token, VerificationPurpose purpose) {
        if (token == null || !SHAPE.matcher(token).matches()) throw new PortcullisException(ErrorCode.INVALID_TOKEN);
        VerificationStore.Row row = store.find(Sha256.hex(token), purpose).orElseThrow(() -> new PortcullisException(ErrorCode.INVALID_TOKEN));
        if (row.usedAt() != null) throw new PortcullisException(ErrorCode.INVALID_TOKEN);
        if (!now().isBefore(row.expiresAt())) throw new PortcullisException(ErrorCode.TOKEN_EXPIRED);
        return row;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
