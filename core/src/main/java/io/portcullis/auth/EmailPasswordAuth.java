package io.portcullis.auth;

import io.portcullis.ErrorCode;
import io.portcullis.PortcullisException;
import io.portcullis.password.PasswordHasher;
import io.portcullis.password.PasswordPolicy;
import io.portcullis.session.ClientInfo;
import io.portcullis.session.SessionService;
import io.portcullis.user.Credential;
import io.portcullis.user.EmailAddress;
import io.portcullis.user.User;
import io.portcullis.user.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Sign-up, sign-in and sign-out with an email address and a password. */
public final class EmailPasswordAuth {
    static final String AUTH_METHOD = "password";

    private final UserStore users;
    private final SessionService sessions;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final Clock clock;

    public EmailPasswordAuth(UserStore users, SessionService sessions, PasswordHasher hasher, PasswordPolicy policy, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.hasher = hasher;
        this.policy = policy;
        this.clock = clock;
    }

    /** Creates a user with a password, without a session (sign-up, CLI). */
    public User createUser(String email, String name, String password, String image, String role) {
        policy.check(password);
        String normalised = EmailAddress.normalise(email);
        if (!EmailAddress.isValid(normalised)) throw new PortcullisException(ErrorCode.VALIDATION_ERROR, "Invalid email address");
        return users.create(normalised, name, image, role, hasher.hash(password), now());
    }

    public SignedIn signUp(SignUp request, ClientInfo client) {
        User user = createUser(request.email(), request.name(), request.password(), request.image(), UserStore.DEFAULT_ROLE);
        return new SignedIn(user, sessions.create(user, request.rememberMe(), client, AUTH_METHOD));
    }

    /**
     * Checks the password and opens a new session. Every credential failure (unknown email, no password
     * set, wrong password) is the same {@code INVALID_EMAIL_OR_PASSWORD} after the same Argon2id work.
     */
    public SignedIn signIn(String email, String password, boolean rememberMe, ClientInfo client) {
        Optional<Credential> credential = users.findCredentialByEmail(EmailAddress.normalise(email));
        if (credential.isEmpty() || credential.get().passwordHash() == null) {
            hasher.verifyDummy(password);
            throw new PortcullisException(ErrorCode.INVALID_EMAIL_OR_PASSWORD);
        }
        Credential found = credential.get();
        if (!hasher.verify(password, found.passwordHash())) {
            throw new PortcullisException(ErrorCode.INVALID_EMAIL_OR_PASSWORD);
        }
        User user = found.user();
        if (user.isBannedAt(now())) throw new PortcullisException(ErrorCode.BANNED_USER);
        if (hasher.needsRehash(found.passwordHash())) {
            users.updatePasswordHash(user.id(), hasher.hash(password), now());
        }
        return new SignedIn(user, sessions.create(user, rememberMe, client, AUTH_METHOD));
    }

    /** Ends the session of this token, if it exists. Signing out without a session is not an error. */
    public void signOut(String token) {
        if (token != null) sessions.revoke(token);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
