package io.portcullis;

import io.portcullis.account.AccountService;
import io.portcullis.account.PasswordReset;
import io.portcullis.admin.AdminPolicy;
import io.portcullis.admin.AdminService;
import io.portcullis.audit.AuditStore;
import io.portcullis.audit.AuditTrail;
import io.portcullis.auth.EmailPasswordAuth;
import io.portcullis.config.MailConfig;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.ServerSecret;
import io.portcullis.db.Database;
import io.portcullis.db.StatementListener;
import io.portcullis.lockout.AccountLockout;
import io.portcullis.mail.LogMailTransport;
import io.portcullis.mail.MailOutbox;
import io.portcullis.mail.MailTemplates;
import io.portcullis.mail.SmtpMailTransport;
import io.portcullis.notice.SecurityNotices;
import io.portcullis.twofactor.ServerSecretCheck;
import io.portcullis.twofactor.SignInChallenges;
import io.portcullis.twofactor.TrustedDeviceStore;
import io.portcullis.twofactor.TwoFactor;
import io.portcullis.twofactor.TwoFactorChallengeStore;
import io.portcullis.twofactor.TwoFactorStore;
import io.portcullis.verification.EmailVerification;
import io.portcullis.verification.VerificationMails;
import io.portcullis.verification.VerificationTokens;
import io.portcullis.password.PasswordHasher;
import io.portcullis.password.PasswordPolicy;
import io.portcullis.ratelimit.FixedWindowRateLimiter;
import io.portcullis.ratelimit.RateLimitCleanup;
import io.portcullis.ratelimit.RateLimitRules;
import io.portcullis.ratelimit.RateLimitStore;
import io.portcullis.ratelimit.RateLimiter;
import io.portcullis.session.SessionCleanup;
import io.portcullis.session.SessionCookies;
import io.portcullis.session.SessionService;
import io.portcullis.session.SessionStore;
import io.portcullis.session.SessionValidator;
import io.portcullis.user.UserSearch;
import io.portcullis.user.UserStore;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine, wired: one instance per application. {@code Portcullis.builder(config).start()} opens
 * the database, applies migrations (unless {@code database.migrate=false}) and starts the cleanup of
 * expired sessions and rate-limit counters; {@link #close()} stops both.
 */
public final class Portcullis implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Portcullis.class);

    private final PortcullisConfig config;
    private final Clock clock;
    private volatile ServerSecret serverSecret;
    private final Database database;
    private final UserStore users;
    private final SessionService sessions;
    private final SessionValidator validator;
    private final SessionCookies cookies;
    private final SessionCleanup cleanup;
    private final VerificationTokens verificationTokens;
    private final PasswordHasher passwordHasher;
    private final EmailPasswordAuth emailPassword;
    private final SignInChallenges signInChallenges;
    private final TwoFactor twoFactor;
    private final AuditTrail audit;
    private final AccountLockout lockout;
    private final AccountService accounts;
    private final AdminService admin;
    private final RateLimiter rateLimiter;
    private final RateLimitCleanup rateLimitCleanup;
    private final MailOutbox mail;
    private final EmailVerification emailVerification;
    private final PasswordReset passwordReset;
    private final ScheduledExecutorService scheduler;

    private Portcullis(Builder b) {
        this.config = b.config;
        this.clock = b.clock;
        // Before the database opens: a broken template is a configuration error like any other.
        MailTemplates mailTemplates = MailTemplates.load(config.mail().templatesDir());
        this.database = Database.open(config.database(), b.statementListener);
        try {
            if (config.database().migrate()) database.migrate();
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        this.users = new UserStore(database);
        SessionStore sessionStore = new SessionStore(database);
        this.audit = new AuditTrail(new AuditStore(database), clock);
        this.sessions = new SessionService(sessionStore, config.session(), audit, clock);
        this.validator = new SessionValidator(sessionStore, config.session(), clock);
        this.cookies = new SessionCookies(config.cookie(), clock);
        this.cleanup = new SessionCleanup(sessionStore, clock);
        this.mail = new MailOutbox(config.mail().transport() == MailConfig.Transport.SMTP
                ? new SmtpMailTransport(config.mail()) : new LogMailTransport(), b.mailFirstRetry);
        SecurityNotices notices = new SecurityNotices(mail, mailTemplates, config.appName());
        VerificationMails verificationMails = new VerificationMails(mailTemplates, config.appName());
        this.lockout = new AccountLockout(database, config.lockout(), audit, notices, clock);
        this.verificationTokens = new VerificationTokens(database, clock);
        this.emailVerification = new EmailVerification(users, verificationTokens, mail, verificationMails, config.emailVerification(),
                config.baseUrl() + config.basePath() + "/verify-email", audit, clock);
        this.signInChallenges = new SignInChallenges(new TwoFactorChallengeStore(database), new TrustedDeviceStore(database), clock);
        this.passwordHasher = new PasswordHasher(config.password().hashingSlots());
        this.emailPassword = new EmailPasswordAuth(users, sessions, passwordHasher, new PasswordPolicy(config.password(), config.appName()),
                lockout, emailVerification, notices, signInChallenges, audit, config.signUp(), clock);
        this.twoFactor = new TwoFactor(new TwoFactorStore(database), signInChallenges, users, sessions, emailPassword, lockout, notices, audit,
                config.twoFactor(), this::serverSecret, new ServerSecretCheck(database, clock), clock);
        this.accounts = new AccountService(database, users, sessions, emailPassword, notices, audit, clock);
        this.passwordReset = new PasswordReset(database, users, verificationTokens, emailPassword, sessions, lockout, mail, verificationMails, notices, config.passwordReset(),
                config.baseUrl() + config.basePath() + "/reset-password/", audit);
        this.admin = new AdminService(new AdminPolicy(config.admin()), users, new UserSearch(database), sessions, emailPassword, lockout, notices, audit, clock);
        RateLimitStore rateLimitStore = new RateLimitStore(database);
        RateLimitRules rateLimitRules = new RateLimitRules(config.rateLimit().rules());
        this.rateLimiter = config.rateLimit().enabled()
                ? new FixedWindowRateLimiter(rateLimitStore, rateLimitRules, clock)
                : RateLimiter.UNLIMITED;
        // Also when disabled: counters left from when it was enabled still get deleted.
        this.rateLimitCleanup = new RateLimitCleanup(rateLimitStore, rateLimitRules, clock);
        this.scheduler = b.backgroundJobs ? startCleanup() : null;
    }

    public static Builder builder(PortcullisConfig config) {
        return new Builder(config);
    }

    private ScheduledExecutorService startCleanup() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "portcullis-cleanup");
            t.setDaemon(true);
            return t;
        });
        long every = config.session().cleanupInterval().toMillis();
        executor.scheduleWithFixedDelay(() -> {
            runCleanup("session", cleanup::run);
            runCleanup("lockout", lockout::cleanup);
            runCleanup("rate-limit", rateLimitCleanup::run);
            runCleanup("two-factor", signInChallenges::cleanup);
            runCleanup("verification", verificationTokens::cleanup);
        }, every, every, TimeUnit.MILLISECONDS);
        return executor;
    }

    private static void runCleanup(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            // The next run tries again; a database outage must not kill the schedule, nor one step the other.
            LOG.warn("{} cleanup failed: {}", what, e.getMessage());
        }
    }

    public PortcullisConfig config() { return config; }
    public Clock clock() { return clock; }

    /**
     * Keys the encryption of TOTP secrets and the hashes of backup codes: {@code secret}, or the
     * development fallback (see {@link ServerSecret}). Resolved at the first call, so that work that
     * needs no secret (command-line tools, say) neither writes the fallback file nor warns about it.
     *
     * @throws java.io.UncheckedIOException or IllegalStateException when the fallback file cannot be used
     */
    public ServerSecret serverSecret() {
        ServerSecret resolved = serverSecret;
        if (resolved == null) {
            synchronized (this) {
                if (serverSecret == null) serverSecret = ServerSecret.of(config);
                resolved = serverSecret;
            }
        }
        return resolved;
    }

    public Database database() { return database; }
    public UserStore users() { return users; }
    public SessionService sessions() { return sessions; }
    public SessionValidator validator() { return validator; }
    public SessionCookies cookies() { return cookies; }
    public SessionCleanup cleanup() { return cleanup; }

    /** The single-use tokens of verification and reset mails; {@code cleanup()} runs with the scheduled cleanup. */
    public VerificationTokens verificationTokens() { return verificationTokens; }
    /** The hasher every password of this engine goes through, sized by {@code password.hashingSlots}. */
    public PasswordHasher passwordHasher() { return passwordHasher; }
    public EmailPasswordAuth emailPassword() { return emailPassword; }
    public TwoFactor twoFactor() { return twoFactor; }
    public SignInChallenges signInChallenges() { return signInChallenges; }
    public AuditTrail audit() { return audit; }
    public AccountLockout lockout() { return lockout; }
    /** Mail leaves through here, off the request thread. */
    public MailOutbox mail() { return mail; }
    public EmailVerification emailVerification() { return emailVerification; }
    public PasswordReset passwordReset() { return passwordReset; }
    public AccountService accounts() { return accounts; }
    public AdminService admin() { return admin; }
    public RateLimiter rateLimiter() { return rateLimiter; }
    public RateLimitCleanup rateLimitCleanup() { return rateLimitCleanup; }

    @Override
    public void close() {
        if (scheduler != null) scheduler.shutdownNow();
        mail.close();
        database.close();
    }

    public static final class Builder {
        private final PortcullisConfig config;
        private Clock clock = Clock.systemUTC();
        private StatementListener statementListener;
        private boolean backgroundJobs = true;
        private Duration mailFirstRetry = MailOutbox.DEFAULT_FIRST_RETRY;

        private Builder(PortcullisConfig config) {
            this.config = config;
        }

        /** The source of all time; tests move it instead of sleeping. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder statementListener(StatementListener listener) {
            this.statementListener = listener;
            return this;
        }

        /** Whether to run the scheduled cleanup of sessions and rate-limit counters (command-line tools do not). */
        public Builder backgroundJobs(boolean enabled) {
            this.backgroundJobs = enabled;
            return this;
        }

        /** The wait before a failed mail is tried again (it doubles with each attempt); tests shorten it. */
        public Builder mailFirstRetry(Duration wait) {
            this.mailFirstRetry = wait;
            return this;
        }

        public Portcullis start() {
            return new Portcullis(this);
        }
    }
}
