package io.portcullis.twofactor;

import io.portcullis.ErrorCode;
import io.portcullis.PortcullisException;
import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditTrail;
import io.portcullis.audit.AuditType;
import io.portcullis.auth.EmailPasswordAuth;
import io.portcullis.config.ServerSecret;
import io.portcullis.config.TwoFactorConfig;
import io.portcullis.lockout.AccountLockout;
import io.portcullis.notice.SecurityNotices;
import io.portcullis.session.AuthenticatedSession;
import io.portcullis.session.ClientInfo;
import io.portcullis.session.NewSession;
import io.portcullis.session.SessionPrecondition;
import io.portcullis.session.SessionService;
import io.portcullis.user.User;
import io.portcullis.user.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * TOTP two-factor authentication: enrolment (enable, then confirm with a first code), the second step
 * of sign-in, backup codes, and turning it off. Every code works once: TOTP steps and backup codes are
 * spent by compare-and-set, so neither a replay nor a parallel request gets a second use.
 */
public final class TwoFactor {
    /** How many times a lost compare-and-set on the backup codes is retried before giving up. */
    private static final int BACKUP_CODE_TRIES = 5;

    /** A new, not yet confirmed enrolment: what the user puts in an authenticator app, and the backup codes, shown once. */
    public record Enrolment(String totpUri, String qrCode, List<String> backupCodes) {
        @Override
        public String toString() {
            return "Enrolment[****]";
        }
    }

    /** The outcome of a code given with a session: the user, and the session that replaced the caller's when enrolment was confirmed. */
    public record Verified(User user, NewSession rotated) {}

    /** A sign-in completed by a second factor: the new session, and the cookie value of a newly trusted device (or null). */
    public record Completed(User user, NewSession session, String trustedDeviceToken) {
        @Override
        public String toString() {
            return "Completed[user=" + user.id() + ", session=" + session.session().id() + "]";
        }
    }

    private final TwoFactorStore enrolments;
    private final SignInChallenges challenges;
    private final UserStore users;
    private final SessionService sessions;
    private final EmailPasswordAuth passwords;
    private final AccountLockout lockout;
    private final SecurityNotices notices;
    private final AuditTrail audit;
    private final TwoFactorConfig config;
    private final Clock clock;
    private final Totp totp = new Totp();
    /** The server-secret keyed parts, made at first use (see {@link io.portcullis.Portcullis#serverSecret()}). */
    private final TwoFactorKeys keys;

    public TwoFactor(TwoFactorStore enrolments, SignInChallenges challenges, UserStore users, SessionService sessions, EmailPasswordAuth passwords,
                     AccountLockout lockout, SecurityNotices notices, AuditTrail audit, TwoFactorConfig config, Supplier<ServerSecret> secret,
                     ServerSecretCheck secretCheck, Clock clock) {
        this.enrolments = enrolments;
        this.challenges = challenges;
        this.users = users;
        this.sessions = sessions;
        this.passwords = passwords;
        this.lockout = lockout;
        this.notices = notices;
        this.audit = audit;
        this.config = config;
        this.keys = new TwoFactorKeys(secret, secretCheck, clock);
        this.clock = clock;
    }

    /**
     * Starts an enrolment: a new secret and backup codes, stored pending. Nothing changes at sign-in
     * until the first code confirms it ({@link #verifyTotp(Actor, String)}). Enabling again before that
     * replaces the pending secret.
     *
     * @param issuer the name authenticator apps show, or null for {@code twoFactor.issuer}
     * @throws PortcullisException {@code NOT_FOUND} when enrolment is turned off, {@code INVALID_PASSWORD},
     *     {@code ACCOUNT_LOCKED}, {@code TWO_FACTOR_ALREADY_ENABLED}
     */
    public Enrolment enable(Actor actor, String password, String issuer) {
        if (!config.enabled()) throw new PortcullisException(ErrorCode.NOT_FOUND);
        keys.forReading(); // a server fault before the password check, which counts toward the lockout
        passwords.checkPassword(actor, password);
        User user = actor.session().user();
        if (user.twoFactorEnabled()) throw new PortcullisException(ErrorCode.TWO_FACTOR_ALREADY_ENABLED);
        byte[] secretBytes = Totp.newSecret();
        TwoFactorKeys.Keys k = keys.forWriting();
        List<String> codes = k.backupCodes().generate();
        if (!enrolments.savePending(user.id(), k.cipher().encrypt(user.id(), secretBytes), k.backupCodes().stored(codes), now())) {
            throw new PortcullisException(ErrorCode.TWO_FACTOR_ALREADY_ENABLED);
        }
        String uri = Totp.uri(issuer == null ? config.issuer() : issuer, user.email(), Totp.base32(secretBytes));
        return new Enrolment(uri, QrCodes.pngDataUri(uri), codes);
    }

    /**
     * The authenticator-app URI again, pending or confirmed (with {@code twoFactor.issuer}).
     *
     * @throws PortcullisException {@code INVALID_PASSWORD}, {@code ACCOUNT_LOCKED}, {@code TOTP_NOT_ENABLED}
     */
    public Enrolment totpUri(Actor actor, String password) {
        keys.forReading(); // a server fault before the password check, which counts toward the lockout
        passwords.checkPassword(actor, password);
        User user = actor.session().user();
        TwoFactorEnrolment enrolment = enrolments.find(user.id()).orElseThrow(() -> new PortcullisException(ErrorCode.TOTP_NOT_ENABLED));
        String uri = Totp.uri(config.issuer(), user.email(), Totp.base32(keys.forReading().cipher().decrypt(user.id(), enrolment.secretEncrypted())));
        return new Enrolment(uri, QrCodes.pngDataUri(uri), List.of());
    }

    /**
     * A TOTP code given with a session. For a pending enrolment it is the confirmation: two-factor
     * authentication is on from now, and the caller's session is replaced by a new one. For a confirmed
     * one it only proves the code.
     *
     * @throws PortcullisException {@code TOTP_NOT_ENABLED}, {@code INVALID_CODE} (wrong or used before)
     */
    public Verified verifyTotp(Actor actor, String code) {
        AuthenticatedSession caller = actor.session();
        String userId = caller.user().id();
        TwoFactorEnrolment enrolment = enrolments.find(userId).orElseThrow(() -> new PortcullisException(ErrorCode.TOTP_NOT_ENABLED));
        if (!acceptTotp(enrolment, code)) {
            failed(userId, actor, "totp", enrolment.verified() ? "session" : "enrolment");
            throw new PortcullisException(ErrorCode.INVALID_CODE);
        }
        if (enrolment.verified()) return new Verified(caller.user(), null);
        // Only the very secret the code was checked against: one replaced meanwhile (another tab) stays pending.
        if (!enrolments.markVerified(userId, enrolment.secretEncrypted(), now())) throw new PortcullisException(ErrorCode.INVALID_CODE);
        // Recorded and mailed even when the rotation fails (the session was revoked meanwhile): the change stands.
        NewSession rotated = null;
        try {
            rotated = sessions.rotate(caller, actor.client());
        } finally {
            audit.record(AuditType.TWO_FACTOR_ENABLED, userId, rotated == null ? actor : Actor.of(rotated.session(), caller.user(), actor.client()), Map.of());
            notices.twoFactorEnabled(caller.user().email());
        }
        User user = users.findById(userId).orElseThrow(() -> new PortcullisException(ErrorCode.UNAUTHORIZED));
        return new Verified(user, rotated);
    }

    /**
     * A backup code given with a session: spends it, and nothing else.
     *
     * @throws PortcullisException {@code TWO_FACTOR_NOT_ENABLED}, {@code INVALID_BACKUP_CODE}
     */
    public Verified verifyBackupCode(Actor actor, String code) {
        String userId = actor.userId();
        TwoFactorEnrolment enrolment = enrolments.find(userId).filter(TwoFactorEnrolment::verified)
                .orElseThrow(() -> new PortcullisException(ErrorCode.TWO_FACTOR_NOT_ENABLED));
        if (!spendBackupCode(enrolment, code)) {
            failed(userId, actor, "backup_code", "session");
            throw new PortcullisException(ErrorCode.INVALID_BACKUP_CODE);
        }
        return new Verified(actor.session().user(), null);
    }

    /**
     * Completes a sign-in with a TOTP code: the challenge's second step.
     *
     * @throws PortcullisException {@code INVALID_TWO_FACTOR_COOKIE}, {@code TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE},
     *     {@code ACCOUNT_LOCKED}, {@code INVALID_CODE}, {@code BANNED_USER}
     */
    public Completed completeWithTotp(String challengeToken, String code, boolean trustDevice, ClientInfo client) {
        return complete(challengeToken, trustDevice, client, "totp", enrolment -> unusedTotpStep(enrolment, code), ErrorCode.INVALID_CODE);
    }

    /** Completes a sign-in with a backup code, which is spent. Errors as {@link #completeWithTotp}, with {@code INVALID_BACKUP_CODE}. */
    public Completed completeWithBackupCode(String challengeToken, String code, boolean trustDevice, ClientInfo client) {
        return complete(challengeToken, trustDevice, client, "backup_code", enrolment -> unspentBackupCode(enrolment, code), ErrorCode.INVALID_BACKUP_CODE);
    }

    /** The check of a completion's code. */
    private interface SecondFactor {
        /** @return how to use up the code, in the completion's transaction; null when the code is wrong or used already */
        CodeUse check(TwoFactorEnrolment enrolment);
    }

    /** Uses up a code found right. */
    private interface CodeUse {
        /** @return false when a parallel use took it first */
        boolean useUp();
    }

    private Completed complete(String challengeToken, boolean trustDevice, ClientInfo client, String method, SecondFactor factor, ErrorCode wrong) {
        keys.forReading(); // a server fault must not use up one of the challenge's attempts
        TwoFactorChallenge challenge = challenges.attempt(challengeToken);
        User user = users.findById(challenge.userId()).orElseThrow(() -> new PortcullisException(ErrorCode.INVALID_TWO_FACTOR_COOKIE));
        // Turned off since the password step: there is no second factor left to check.
        TwoFactorEnrolment enrolment = enrolments.find(user.id()).filter(TwoFactorEnrolment::verified)
                .orElseThrow(() -> new PortcullisException(ErrorCode.INVALID_TWO_FACTOR_COOKIE));
        Actor anonymous = Actor.anonymous(client);
        // The same account lockout as passwords: wrong codes across challenges lock the account.
        try (AccountLockout.Attempt attempt = begin(user, anonymous)) {
            CodeUse code = factor.check(enrolment);
            if (code != null) {
                try {
                    return openSession(user, challenge, trustDevice, client, "password+" + method, attempt, code);
                } catch (CodeUsedMeanwhile e) {
                    // A parallel completion used the same code first: a used code, as if it had been by the check.
                }
            }
            attempt.failed(user.id(), anonymous);
            failed(user.id(), anonymous, method, "sign_in");
            throw new PortcullisException(wrong);
        }
    }

    /**
     * The session of a completed challenge. The challenge's use, the code's use, the session (created
     * only if, under the user's lock, the password and ban are as at the first step), the trusted device,
     * the success event and the lockout's success commit together, or none of them: a completion that
     * fails (500, 503) or is refused leaves its code unused, and one that fails leaves the challenge open
     * and trusts no device.
     */
    private Completed openSession(User user, TwoFactorChallenge challenge, boolean trustDevice, ClientInfo client, String authMethod,
                                  AccountLockout.Attempt attempt, CodeUse code) {
        SessionPrecondition precondition = SessionPrecondition.passwordFingerprintStill(challenge.passwordFingerprint(), ErrorCode.INVALID_TWO_FACTOR_COOKIE);
        try {
            return attempt.succeeded(() -> {
                // The user's row first (creating the session locks it), as deleting the user locks it before its
                // challenges: a parallel completion of the same challenge waits there, then finds it used.
                NewSession session = sessions.create(user, challenge.rememberMe(), client, authMethod, precondition);
                if (!challenges.meet(challenge)) throw new ChallengeAlreadyUsed();
                if (!code.useUp()) throw new CodeUsedMeanwhile();
                String trustedDevice = trustDevice ? challenges.trust(user.id()) : null;
                audit.recordWithAction(AuditType.SIGN_IN_SUCCESS, user.id(), Actor.of(session.session(), user, client), Map.of("method", authMethod));
                return new Completed(user, session, trustedDevice);
            });
        } catch (ChallengeAlreadyUsed | CodeUsedMeanwhile e) {
            throw e; // nothing kept: the attempt is still open, for the caller
        } catch (PortcullisException e) {
            String reason = precondition.auditReason(e.code());
            if (reason != null) {
                // Refused (banned meanwhile, password changed meanwhile, session cap), yet the code was right:
                // the failures are forgotten and the challenge is over; the user starts again with the password.
                attempt.succeeded();
                challenges.meet(challenge);
                audit.record(AuditType.SIGN_IN_FAILURE, user.id(), Actor.anonymous(client), Map.of("reason", reason));
            }
            throw e;
        }
    }

    /** The challenge was used meanwhile (a parallel completion): told apart from the session's refusal, which has the same code. */
    private static final class ChallengeAlreadyUsed extends PortcullisException {
        ChallengeAlreadyUsed() {
            super(ErrorCode.INVALID_TWO_FACTOR_COOKIE);
        }
    }

    /** The code was used meanwhile (a parallel completion of another challenge); never leaves {@link #complete}. */
    private static final class CodeUsedMeanwhile extends PortcullisException {
        CodeUsedMeanwhile() {
            super(ErrorCode.INVALID_CODE);
        }
    }

    /**
     * New backup codes; the old ones stop working.
     *
     * @throws PortcullisException {@code INVALID_PASSWORD}, {@code ACCOUNT_LOCKED}, {@code TWO_FACTOR_NOT_ENABLED}
     */
    public List<String> regenerateBackupCodes(Actor actor, String password) {
        keys.forReading(); // a server fault before the password check, which counts toward the lockout
        passwords.checkPassword(actor, password);
        String userId = actor.userId();
        enrolments.find(userId).filter(TwoFactorEnrolment::verified).orElseThrow(() -> new PortcullisException(ErrorCode.TWO_FACTOR_NOT_ENABLED));
        TwoFactorKeys.Keys k = keys.forWriting();
        List<String> codes = k.backupCodes().generate();
        if (!enrolments.replaceBackupCodes(userId, k.backupCodes().stored(codes), now())) {
            throw new PortcullisException(ErrorCode.TWO_FACTOR_NOT_ENABLED);
        }
        audit.record(AuditType.BACKUP_CODES_REGENERATED, userId, actor, Map.of());
        return codes;
    }

    /**
     * Turns two-factor authentication off (a pending enrolment is dropped too), forgets the trusted
     * devices, and replaces the caller's session.
     *
     * @return the session that replaced the caller's
     * @throws PortcullisException {@code INVALID_PASSWORD}, {@code ACCOUNT_LOCKED}
     */
    public Verified disable(Actor actor, String password) {
        passwords.checkPassword(actor, password);
        AuthenticatedSession caller = actor.session();
        String userId = caller.user().id();
        // Only a confirmed enrolment was on: removing one still pending (enable never confirmed) is neither audited nor mailed.
        boolean wasOn = enrolments.delete(userId) == TwoFactorStore.Removed.CONFIRMED;
        challenges.forget(userId);
        // Recorded and mailed even when the rotation fails (the session was revoked meanwhile): the change stands.
        NewSession rotated = null;
        try {
            rotated = sessions.rotate(caller, actor.client());
        } finally {
            if (wasOn) {
                audit.record(AuditType.TWO_FACTOR_DISABLED, userId, rotated == null ? actor : Actor.of(rotated.session(), caller.user(), actor.client()), Map.of());
                notices.twoFactorDisabled(caller.user().email());
            }
        }
        User user = users.findById(userId).orElseThrow(() -> new PortcullisException(ErrorCode.UNAUTHORIZED));
        return new Verified(user, rotated);
    }

    /**
     * Recovery by an operator (the command line): turns the user's two-factor authentication off and
     * forgets their trusted devices, for a user who lost the authenticator and the backup codes, or
     * after the server secret was lost. Their sessions stay; the owner is told by mail.
     *
     * @return whether the user had an enrolment, confirmed or pending
     */
    public boolean turnOff(Actor operator, User user) {
        TwoFactorStore.Removed removed = enrolments.delete(user.id());
        challenges.forget(user.id());
        if (removed != TwoFactorStore.Removed.NONE) {
            audit.record(AuditType.TWO_FACTOR_DISABLED, user.id(), operator, Map.of("by", "operator"));
            if (removed == TwoFactorStore.Removed.CONFIRMED) notices.twoFactorDisabled(user.email());
        }
        return removed != TwoFactorStore.Removed.NONE;
    }

    /** The use of the step of a right code, for a step not used before; null when there is none. */
    private CodeUse unusedTotpStep(TwoFactorEnrolment enrolment, String code) {
        byte[] secretBytes = keys.forReading().cipher().decrypt(enrolment.userId(), enrolment.secretEncrypted());
        OptionalLong step = totp.matchingStep(secretBytes, code, clock.instant());
        Long last = enrolment.lastUsedStep();
        if (step.isEmpty() || (last != null && step.getAsLong() <= last)) return null;
        return () -> enrolments.acceptStep(enrolment.userId(), step.getAsLong());
    }

    /** The spending of an unspent backup code; null when the code is none of them. */
    private CodeUse unspentBackupCode(TwoFactorEnrolment enrolment, String code) {
        if (keys.forReading().backupCodes().spend(enrolment.backupCodes(), code).isEmpty()) return null;
        return () -> spendBackupCode(enrolment, code);
    }

    /** Whether the code is right for a step not used before; the step is then used up. */
    private boolean acceptTotp(TwoFactorEnrolment enrolment, String code) {
        CodeUse step = unusedTotpStep(enrolment, code);
        return step != null && step.useUp();
    }

    /** Whether the code is one of the unspent backup codes; it is then spent, by this call only. */
    private boolean spendBackupCode(TwoFactorEnrolment read, String code) {
        TwoFactorEnrolment enrolment = read;
        for (int i = 0; i < BACKUP_CODE_TRIES; i++) {
            Optional<String> rest = keys.forReading().backupCodes().spend(enrolment.backupCodes(), code);
            if (rest.isEmpty()) return false;
            if (enrolments.spendBackupCode(enrolment.userId(), enrolment.backupCodes(), rest.get(), now())) return true;
            // Another code was spent meanwhile (or this one, in parallel): read the set again.
            Optional<TwoFactorEnrolment> again = enrolments.find(enrolment.userId());
            if (again.isEmpty()) return false;
            enrolment = again.get();
        }
        return false;
    }

    /** A counted attempt of the account lockout; a refusal while locked is audited as at the password step. */
    private AccountLockout.Attempt begin(User user, Actor actor) {
        try {
            return lockout.begin(user.email());
        } catch (PortcullisException e) {
            if (e.code() == ErrorCode.ACCOUNT_LOCKED) audit.record(AuditType.SIGN_IN_FAILURE, user.id(), actor, Map.of("reason", "locked"));
            throw e;
        }
    }

    private void failed(String userId, Actor actor, String method, String stage) {
        audit.record(AuditType.TWO_FACTOR_FAILED, userId, actor, Map.of("method", method, "stage", stage));
    }

    /**
     * Resolves the server secret and compares it with the one the database records, recording it
     * when none is (see {@link ServerSecretCheck}); otherwise done at the first request that needs
     * it. The server calls this at start, so that an instance with another secret than the others
     * does not start.
     *
     * @return {@code MATCHES}, or {@code RECORDED} when the database recorded none before
     * @throws ServerSecretMismatchException when the database's two-factor data is under another secret
     */
    public ServerSecretCheck.Outcome checkServerSecret() {
        return keys.check();
    }

    /** Compares this engine's server secret with the database's record, writing nothing (for {@code secret check}). */
    public ServerSecretCheck.Outcome examineServerSecret() {
        return keys.examine();
    }

    /** The emails of the users whose enrolment this engine's server secret cannot read. */
    public List<String> unreadableEnrolments() {
        return keys.unreadableEnrolments();
    }

    /**
     * Recovery by an operator (the command line) after the server secret was lost: records this
     * engine's secret as the database's in place of the old one, and audits it. An instance still
     * running with the old secret refuses its next two-factor write, and every two-factor request
     * after it: stop every instance first.
     *
     * @return the emails of the users whose enrolment does not decrypt under it: turn each off with
     *     {@link #turnOff}, and the user enrols again
     */
    public List<String> replaceServerSecret(Actor operator) {
        TwoFactorKeys.Replacement replaced = keys.replace();
        // previousRecord false: a database with nothing recorded yet (its first instance of this version not started).
        audit.record(AuditType.SERVER_SECRET_REPLACED, null, operator,
                Map.of("previousRecord", replaced.previousRecord(), "unreadableEnrolments", replaced.unreadableEnrolments().size()));
        return replaced.unreadableEnrolments();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
