package io.portcullis.auth;

import io.portcullis.ErrorCode;
import io.portcullis.Ids;
import io.portcullis.PortcullisException;
import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditTrail;
import io.portcullis.audit.AuditType;
import io.portcullis.config.SignUpConfig;
import io.portcullis.lockout.AccountLockout;
import io.portcullis.notice.SecurityNotices;
import io.portcullis.verification.EmailVerification;
import io.portcullis.password.PasswordContext;
import io.portcullis.password.PasswordHasher;
import io.portcullis.password.PasswordPolicy;
import io.portcullis.session.ClientInfo;
import io.portcullis.session.NewSession;
import io.portcullis.session.SessionPrecondition;
import io.portcullis.session.SessionService;
import io.portcullis.twofactor.SignInChallenges;
import io.portcullis.user.Credential;
import io.portcullis.user.EmailAddress;
import io.portcullis.user.User;
import io.portcullis.user.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sign-up, sign-in and sign-out with an email address and a password, and the password itself. */
public final class EmailPasswordAuth {
    static final String AUTH_METHOD = "password";
    /** The longest name a user may have, as the HTTP API's {@code name} field. */
    public static final int NAME_MAX = 255;
    private static final Logger LOG = LoggerFactory.getLogger(EmailPasswordAuth.class);

    private final UserStore users;
    private final SessionService sessions;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final AccountLockout lockout;
    private final EmailVerification emailVerification;
    private final SecurityNotices notices;
    private final SignInChallenges challenges;
    private final AuditTrail audit;
    private final SignUpConfig signUp;
    private final Clock clock;

    public EmailPasswordAuth(UserStore users, SessionService sessions, PasswordHasher hasher, PasswordPolicy policy,
                             AccountLockout lockout, EmailVerification emailVerification, SecurityNotices notices,
                             SignInChallenges challenges, AuditTrail audit, SignUpConfig signUp, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.hasher = hasher;
        this.policy = policy;
        this.lockout = lockout;
        this.emailVerification = emailVerification;
        this.notices = notices;
        this.challenges = challenges;
        this.audit = audit;
        this.signUp = signUp;
        this.clock = clock;
    }

    /** Creates a user with a password and an unverified email, without a session. */
    public User createUser(String email, String name, String password, String image, String role) {
        return createUser(email, name, password, image, role, false);
    }

    /**
     * Creates a user with a password, without a session. {@code emailVerified} is for operators who
     * vouch for the address (the command line); sign-up never sets it.
     */
    public User createUser(String email, String name, String password, String image, String role, boolean emailVerified) {
        // The HTTP API's rule for names (its check comes first there); the command line and embedders have no other.
        if (name == null || name.length() > NAME_MAX || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new PortcullisException(ErrorCode.VALIDATION_ERROR, "Name must be at most " + NAME_MAX + " characters, without control characters");
        }
        String normalised = EmailAddress.normalise(email);
        policy.check(password, new PasswordContext(normalised, name));
        if (!EmailAddress.isValid(normalised)) throw new PortcullisException(ErrorCode.VALIDATION_ERROR, "Invalid email address");
        return users.create(normalised, name, image, role, emailVerified, hasher.hash(password), now());
    }

    /**
     * Creates the user and mails a verification link (when configured). Opens a session, unless email
     * verification is required: then the user signs in after following the link.
     */
    public SignedIn signUp(SignUp request, ClientInfo client) {
        // Before any work, and the same for every address: a closed sign-up tells nothing about accounts.
        if (!signUp.enabled()) throw new PortcullisException(ErrorCode.EMAIL_PASSWORD_SIGN_UP_DISABLED);
        User user;
        try {
            user = createUser(request.email(), request.name(), request.password(), request.image(), UserStore.DEFAULT_ROLE);
        } catch (PortcullisException e) {
            if (e.code() != ErrorCode.USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL || !emailVerification.config().required()) throw e;
            return signUpWithExistingAddress(request);
        }
        if (emailVerification.config().sendOnSignUp()) emailVerification.send(user, request.callbackUrl());
        if (emailVerification.config().required()) {
            audit.record(AuditType.SIGN_UP, user.id(), Actor.anonymous(client), Map.of());
            return new SignedIn(user, null);
        }
        NewSession session = sessions.create(user, request.rememberMe(), client, AUTH_METHOD, SessionPrecondition.userActive());
        audit.record(AuditType.SIGN_UP, user.id(), actor(user, session, client), Map.of());
        return new SignedIn(user, session);
    }

    /**
     * Checks the password and opens a new session, or, for a user with two-factor authentication on a
     * device they have not trusted, a challenge for the second factor instead. Every credential failure
     * (unknown email, no password set, wrong password) is the same {@code INVALID_EMAIL_OR_PASSWORD}
     * after the same Argon2id work.
     *
     * @param trustedDevice the trusted-device cookie, or null
     */
    public SignInOutcome signIn(String email, String password, boolean rememberMe, ClientInfo client, String trustedDevice) {
        String normalised = EmailAddress.normalise(email);
        Optional<Credential> credential = users.findCredentialByEmail(normalised);
        String userId = credential.map(c -> c.user().id()).orElse(null);
        try (AccountLockout.Attempt attempt = beginAttempt(normalised, userId, client)) {
            if (credential.isEmpty() || credential.get().passwordHash() == null) {
                hasher.verifyDummy(password);
                attempt.failed(userId, Actor.anonymous(client));
                String reason = credential.isEmpty() ? "unknown_email" : "no_password";
                audit.record(AuditType.SIGN_IN_FAILURE, userId, Actor.anonymous(client), Map.of("reason", reason, "email", normalised));
                throw new PortcullisException(ErrorCode.INVALID_EMAIL_OR_PASSWORD);
            }
            Credential found = credential.get();
            if (!hasher.verify(password, found.passwordHash())) {
                attempt.failed(userId, Actor.anonymous(client));
                audit.record(AuditType.SIGN_IN_FAILURE, userId, Actor.anonymous(client), Map.of("reason", "wrong_password"));
                throw new PortcullisException(ErrorCode.INVALID_EMAIL_OR_PASSWORD);
            }
            // The password was right: whatever happens next (ban, session cap), it was no guess. With a
            // second factor to come, only that one's success forgets earlier failures (wrong codes included).
            if (found.user().twoFactorEnabled() && !challenges.trusts(found.user().id(), trustedDevice)) {
                attempt.passedFirstFactor();
                return challenge(found, password, rememberMe, client);
            }
            User user;
            try {
                user = admissible(found.user(), client);
            } catch (PortcullisException e) {
                attempt.succeeded();
                throw e;
            }
            Opened opened = openSession(user, found.passwordHash(), password, rememberMe, client, attempt);
            // After the session: re-hashing first would change the hash the session's precondition compares.
            if (hasher.needsRehash(opened.passwordHash())) rehash(user, opened.passwordHash(), password);
            return new SignedIn(user, opened.session());
        }
    }

    /** Replaces a hash made with older parameters; the sign-in has happened already, so a failure here only waits for the next one. */
    private void rehash(User user, String verifiedHash, String password) {
        try {
            users.rehashPassword(user.id(), verifiedHash, hasher.hash(password), now());
        } catch (RuntimeException e) {
            LOG.warn("password of user {} not re-hashed, kept until the next sign-in: {}", user.id(), e.toString());
        }
    }

    /** The first step of a sign-in with a second factor to come: the challenge, once the user may sign in at all. */
    private TwoFactorChallenged challenge(Credential found, String password, boolean rememberMe, ClientInfo client) {
        User user = admissible(found.user(), client);
        String verified = found.passwordHash();
        if (hasher.needsRehash(verified)) {
            String rehashed = hasher.hash(password);
            if (users.rehashPassword(user.id(), verified, rehashed, now())) {
                verified = rehashed;
            } else {
                // A parallel sign-in re-hashed it first: the challenge must hold the hash now stored.
                String current = rehashedMeanwhile(user, verified, password);
                if (current != null) verified = current;
            }
        }
        return new TwoFactorChallenged(challenges.open(user.id(), rememberMe, verified));
    }

    /**
     * The user of a right password, if they may sign in now: not banned, with a verified email when that
     * is required (each refusal audited). A ban whose time is up is lifted.
     */
    private User admissible(User user, ClientInfo client) {
        if (user.isBannedAt(now())) {
            audit.record(AuditType.SIGN_IN_FAILURE, user.id(), Actor.anonymous(client), Map.of("reason", "banned"));
            throw new PortcullisException(ErrorCode.BANNED_USER);
        }
        if (emailVerification.config().required() && !user.emailVerified()) {
            audit.record(AuditType.SIGN_IN_FAILURE, user.id(), Actor.anonymous(client), Map.of("reason", "email_not_verified"));
            throw new PortcullisException(ErrorCode.EMAIL_NOT_VERIFIED);
        }
        return user.banned() ? liftExpiredBan(user, client) : user;
    }

    /**
     * Enumeration-safe sign-up: while verification is required, a taken address gets the answer of a new
     * one (no session either way, the same Argon2id work already done), and its owner gets a mail.
     */
    private SignedIn signUpWithExistingAddress(SignUp request) {
        String email = EmailAddress.normalise(request.email());
        notices.signUpWithExistingAddress(email);
        Instant now = now();
        return new SignedIn(new User(Ids.newId(), email, request.name(), false, request.image(), UserStore.DEFAULT_ROLE,
                false, null, null, now, now, false), null);
    }

    /** A counted sign-in attempt; while the account is locked, the refusal is audited and the password never checked. */
    private AccountLockout.Attempt beginAttempt(String email, String userId, ClientInfo client) {
        try {
            return lockout.begin(email);
        } catch (PortcullisException e) {
            if (e.code() == ErrorCode.ACCOUNT_LOCKED) {
                Map<String, Object> detail = userId == null ? Map.of("reason", "locked", "email", email) : Map.of("reason", "locked");
                audit.record(AuditType.SIGN_IN_FAILURE, userId, Actor.anonymous(client), detail);
            }
            throw e;
        }
    }

    /**
     * The session of a sign-in, created only if, under the user's lock, the password and ban are still as
     * just checked. The lockout's success, the session and its audit event commit together, or none of them.
     */
    private Opened openSession(User user, String verifiedHash, String password, boolean rememberMe, ClientInfo client,
                               AccountLockout.Attempt attempt) {
        SessionPrecondition precondition = SessionPrecondition.passwordStill(verifiedHash);
        try {
            return new Opened(attempt.succeeded(() -> {
                NewSession session = sessions.create(user, rememberMe, client, AUTH_METHOD, precondition);
                audit.recordWithAction(AuditType.SIGN_IN_SUCCESS, user.id(), actor(user, session, client), Map.of("method", AUTH_METHOD));
                return session;
            }), verifiedHash);
        } catch (PortcullisException e) {
            String reason = precondition.auditReason(e.code());
            if ("credential_changed".equals(reason)) {
                String rehashed = rehashedMeanwhile(user, verifiedHash, password);
                if (rehashed != null) return openSession(user, rehashed, password, rememberMe, client, attempt);
            }
            if (reason != null) {
                // Refused (banned meanwhile, password changed meanwhile, session cap), yet the password was right.
                attempt.succeeded();
                audit.record(AuditType.SIGN_IN_FAILURE, user.id(), Actor.anonymous(client), Map.of("reason", reason));
            }
            throw e;
        }
    }

    /** A sign-in's session, and the password hash it was opened under. */
    private record Opened(NewSession session, String passwordHash) {}

    /**
     * The stored hash, when a parallel sign-in replaced the verified one by a re-hash of the same password
     * (new parameters, or a hash imported from Better Auth): no password change, so this sign-in goes on
     * under the new hash. Null otherwise. Only a hash due for a re-hash can have been re-hashed, so a
     * sign-in retries at most once, and a real change of password is still refused.
     */
    private String rehashedMeanwhile(User user, String verifiedHash, String password) {
        if (!hasher.needsRehash(verifiedHash)) return null;
        String current = users.findCredentialByUserId(user.id()).map(Credential::passwordHash).orElse(null);
        if (current == null || current.equals(verifiedHash) || hasher.needsRehash(current)) return null;
        return hasher.verify(password, current) ? current : null;
    }

    /** A ban whose time is up is cleared at the next sign-in, so the user reads as not banned again. */
    private User liftExpiredBan(User user, ClientInfo client) {
        User lifted = users.liftExpiredBan(user.id(), now()).orElse(user);
        if (!lifted.banned()) audit.record(AuditType.USER_UNBANNED, user.id(), Actor.anonymous(client), Map.of("reason", "expired"));
        return lifted;
    }

    /** Ends the session of this token, if it exists. Signing out without a session is not an error. */
    public void signOut(String token, ClientInfo client) {
        if (token == null) return;
        sessions.end(token).ifPresent(ended -> audit.record(AuditType.SIGN_OUT, ended.user().id(), Actor.of(ended, client), Map.of()));
    }

    /**
     * Checks a signed-in user's password (to change it, to delete the account), as a counted attempt of
     * the account lockout: a stolen session cannot be used to guess the password either.
     *
     * @throws PortcullisException {@code INVALID_PASSWORD} unless {@code password} is the user's (same Argon2id
     *     work either way), {@code ACCOUNT_LOCKED} while the account is locked
     */
    public void checkPassword(Actor actor, String password) {
        Optional<Credential> credential = users.findCredentialByUserId(actor.userId());
        if (credential.isEmpty()) {
            dummy(password);
            throw new PortcullisException(ErrorCode.INVALID_PASSWORD);
        }
        try (AccountLockout.Attempt attempt = lockout.begin(credential.get().user().email())) {
            String hash = credential.get().passwordHash();
            boolean valid = hash != null ? hasher.verify(password, hash) : dummy(password);
            if (!valid) {
                attempt.failed(actor.userId(), actor);
                throw new PortcullisException(ErrorCode.INVALID_PASSWORD);
            }
            attempt.succeeded();
        }
    }

    /**
     * Checks a new password for this user against the policy (judged against the user's email and
     * name) and hashes it, ready for {@link #setPassword(NewPassword)}.
     *
     * @throws PortcullisException a password-policy code when {@code newPassword} may not be set for this user
     */
    public NewPassword newPassword(User user, String newPassword) {
        policy.check(newPassword, contextOf(user));
        return new NewPassword(user.id(), hasher.hash(newPassword));
    }

    /**
     * Sets a new password for this user under the password policy. Sessions are the caller's business.
     *
     * @throws PortcullisException a password-policy code, or {@code USER_NOT_FOUND}
     */
    public void setPassword(User user, String newPassword) {
        setPassword(newPassword(user, newPassword));
    }

    /**
     * Stores a password that passed the policy, and forgets the user's trusted devices and open
     * two-factor challenges: what the old password granted, the new one does not. Sessions are the
     * caller's business.
     *
     * @throws PortcullisException {@code USER_NOT_FOUND}
     */
    public void setPassword(NewPassword password) {
        if (!users.setPasswordHash(password.userId, password.hash, now())) throw new PortcullisException(ErrorCode.USER_NOT_FOUND);
        challenges.forget(password.userId);
    }

    private static PasswordContext contextOf(User user) {
        return new PasswordContext(user.email(), user.name());
    }

    private boolean dummy(String password) {
        hasher.verifyDummy(password);
        return false;
    }

    private static Actor actor(User user, NewSession session, ClientInfo client) {
        return Actor.of(session.session(), user, client);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
