package io.portcullis.config;

import io.portcullis.net.Cidr;
import io.portcullis.origin.TrustedOrigins;
import io.portcullis.ratelimit.RateLimitRule;
import io.portcullis.password.CharacterClass;
import io.portcullis.user.EmailAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The whole, validated and immutable configuration. Built only by {@link #load}: defaults, then the
 * YAML file, then environment variables, then system properties; every problem is reported at once.
 * {@code printable} holds the effective values as {@code config check} prints them, secrets masked.
 */
public record PortcullisConfig(
        String appName,
        ServerConfig server,
        String baseUrl,
        String basePath,
        List<String> trustedOrigins,
        List<Cidr> trustedProxies,
        Secret secret,
        DatabaseConfig database,
        SessionConfig session,
        CookieConfig cookie,
        CsrfConfig csrf,
        SignUpConfig signUp,
        PasswordConfig password,
        LockoutConfig lockout,
        AdminConfig admin,
        RateLimitConfig rateLimit,
        MailConfig mail,
        EmailVerificationConfig emailVerification,
        PasswordResetConfig passwordReset,
        TwoFactorConfig twoFactor,
        CorsConfig cors,
        ObservabilityConfig observability,
        Map<String, String> printable) {

    public static final String DEFAULT_APP_NAME = "Portcullis";
    public static final String DEFAULT_BASE_PATH = "/api/auth";
    static final int MIN_SECRET_LENGTH = 32;

    private static final Pattern COOKIE_NAME_PART = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern BASE_PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");
    private static final Duration MAX_LIFETIME = Duration.ofDays(3650);
    /** RFC 6750's b64token: what {@code Authorization: Bearer …} can carry. */
    private static final Pattern BEARER_TOKEN = Pattern.compile("[A-Za-z0-9._~+/-]+=*");
    private static final Pattern RATE_LIMIT_RULE = Pattern.compile("([^=]*)=([^/=]*)/([^/=]*)");
    /** A path under basePath, or a prefix of paths ending in {@code /*}: {@code /change-password}, {@code /sign-in/*}. */
    private static final Pattern RATE_LIMIT_PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+(/\\*)?");

    /** The origin of {@code baseUrl} ({@code scheme://host[:port]}). */
    public String baseOrigin() {
        URI uri = URI.create(baseUrl);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    public static PortcullisConfig defaults() {
        return load(ConfigSources.of(Map.of()));
    }

    public static PortcullisConfig load(ConfigSources sources) {
        ConfigReader r = new ConfigReader(sources);

        String appName = r.string("appName", DEFAULT_APP_NAME);
        if (appName.isBlank() || appName.length() > 64) r.problem("appName", appName, "must be 1 to 64 characters");

        ServerConfig server = new ServerConfig(
                r.string("server.host", ServerConfig.DEFAULT_HOST),
                r.integer("server.port", ServerConfig.DEFAULT_PORT, 0, 65535));

        String baseUrl = readBaseUrl(r, server.port());
        String basePath = r.string("basePath", DEFAULT_BASE_PATH);
        if (!BASE_PATH.matcher(basePath).matches()) r.problem("basePath", basePath, "must start with / and have no trailing /, e.g. /api/auth");

        List<String> trustedOrigins = r.list("trustedOrigins");
        for (String origin : trustedOrigins) {
            if (!TrustedOrigins.isWellFormed(origin)) {
                r.problem("trustedOrigins", origin, "must be an origin such as https://app.example.com or https://*.example.com (no path)");
            }
        }

        List<Cidr> trustedProxies = readTrustedProxies(r);

        String secretText = r.secret("secret");
        boolean https = baseUrl.startsWith("https://");
        if (secretText != null && secretText.length() < MIN_SECRET_LENGTH) {
            r.problem("secret=**** must be at least " + MIN_SECRET_LENGTH + " characters (it has " + secretText.length() + ")");
        } else if (secretText == null && https) {
            r.problem("secret is required when baseUrl is https (" + baseUrl + "): set at least " + MIN_SECRET_LENGTH + " random characters");
        }

        DatabaseConfig database = readDatabase(r);
        SessionConfig session = readSession(r);
        CookieConfig cookie = readCookie(r, https);
        CsrfConfig csrf = new CsrfConfig(r.bool("csrf.requireToken", true), r.bool("csrf.forwardAuthToken", true));
        SignUpConfig signUp = new SignUpConfig(r.bool("signUp.enabled", true));
        PasswordConfig password = readPassword(r);
        LockoutConfig lockout = readLockout(r);
        AdminConfig admin = readAdmin(r);
        RateLimitConfig rateLimit = readRateLimit(r);
        MailConfig mail = readMail(r);
        EmailVerificationConfig emailVerification = new EmailVerificationConfig(
                r.bool("emailVerification.sendOnSignUp", true),
                r.bool("emailVerification.required", false),
                r.duration("emailVerification.expiresIn", EmailVerificationConfig.DEFAULT_EXPIRES_IN, Duration.ofMinutes(1), Duration.ofDays(30)));
        PasswordResetConfig passwordReset = new PasswordResetConfig(
                r.duration("passwordReset.expiresIn", PasswordResetConfig.DEFAULT_EXPIRES_IN, Duration.ofMinutes(1), Duration.ofDays(1)));
        // ':' separates issuer and account in authenticator apps: the default leaves it out of appName.
        String defaultIssuer = appName.replace(":", "").strip();
        String issuer = r.string("twoFactor.issuer", defaultIssuer.isEmpty() ? DEFAULT_APP_NAME : defaultIssuer);
        if (issuer.isBlank() || issuer.length() > 64 || issuer.contains(":")) {
            r.problem("twoFactor.issuer", issuer, "must be 1 to 64 characters, without ':' (it separates issuer and account in authenticator apps)");
        }
        TwoFactorConfig twoFactor = new TwoFactorConfig(r.bool("twoFactor.enabled", true), issuer);
        List<String> corsOrigins = r.list("cors.allowedOrigins");
        for (String origin : corsOrigins) {
            // Exact origins only: credentialed CORS with a pattern would hand the user's cookies to every match.
            if (!TrustedOrigins.isWellFormed(origin) || origin.contains("*")) {
                r.problem("cors.allowedOrigins", origin, "must be an exact origin such as https://app.example.com (no wildcard, no path)");
            }
        }

        boolean metricsEnabled = r.bool("metrics.enabled", false);
        String metricsToken = r.secret("metrics.token");
        if (metricsToken != null && metricsToken.length() < MIN_SECRET_LENGTH) {
            r.problem("metrics.token=**** must be at least " + MIN_SECRET_LENGTH + " characters (it has " + metricsToken.length() + ")");
        } else if (metricsToken != null && !BEARER_TOKEN.matcher(metricsToken).matches()) {
            r.problem("metrics.token=**** must be made of A-Z a-z 0-9 - . _ ~ + / (then = only at the end), as a bearer token in a header is");
        }
        ObservabilityConfig observability = new ObservabilityConfig(metricsEnabled, metricsToken == null ? null : new Secret(metricsToken),
                ObservabilityConfig.LogFormat.valueOf(r.choice("log.format", "text", "text", "json").toUpperCase(Locale.ROOT)));

        r.reportUnknownKeys();
        if (!r.problems().isEmpty()) throw new ConfigException(r.problems());
        return new PortcullisConfig(appName, server, baseUrl, basePath, trustedOrigins, trustedProxies,
                secretText == null ? null : new Secret(secretText), database, session, cookie, csrf, signUp, password, lockout, admin, rateLimit, mail, emailVerification, passwordReset,
                twoFactor, new CorsConfig(corsOrigins), observability, Collections.unmodifiableMap(new LinkedHashMap<>(r.maskedEffective())));
    }

    private static String readBaseUrl(ConfigReader r, int port) {
        String fallback = "http://localhost:" + (port == 0 ? ServerConfig.DEFAULT_PORT : port);
        String value = r.string("baseUrl", fallback);
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null
                    || uri.getPort() > 65535) {
                r.problem("baseUrl", value, "must be an absolute http:// or https:// URL without query, fragment or credentials");
                return fallback;
            }
        } catch (java.net.URISyntaxException e) {
            r.problem("baseUrl", value, "must be an absolute http:// or https:// URL");
            return fallback;
        }
        String normalised = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        r.effective("baseUrl", normalised);
        return normalised;
    }

    private static DatabaseConfig readDatabase(ConfigReader r) {
        String url = r.string("database.url", DatabaseConfig.DEFAULT_URL);
        if (!(url.startsWith("jdbc:h2:") || url.startsWith("jdbc:postgresql:") || url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:"))) {
            r.problem("database.url", maskUrl(url), "must be a jdbc:h2:, jdbc:postgresql:, jdbc:mariadb: or jdbc:mysql: URL");
        } else {
            try {
                DatabaseConfig.h2File(url);
            } catch (InvalidPathException e) {
                r.problem("database.url", maskUrl(url), "must name a file path this system can name (" + e.getReason() + ")");
            }
        }
        r.effective("database.url", maskUrl(url));
        String username = r.string("database.username", null);
        String password = r.secret("database.password");
        return new DatabaseConfig(url, username, password == null ? null : new Secret(password),
                r.integer("database.poolSize", DatabaseConfig.DEFAULT_POOL_SIZE, 1, 500),
                r.bool("database.migrate", true));
    }

    /** Hides a password written into the JDBC URL itself. */
    static String maskUrl(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1****");
    }

    private static SessionConfig readSession(ConfigReader r) {
        Duration min = Duration.ofSeconds(1);
        String idleKey = "session.idleTimeout";
        boolean viaAlias = r.isSet("session.expiresIn");
        if (viaAlias && r.isSet(idleKey)) {
            r.problem("session.expiresIn is an alias of session.idleTimeout: set only one of them");
        }
        Duration idle = viaAlias
                ? r.duration("session.expiresIn", SessionConfig.DEFAULT_IDLE_TIMEOUT, min, MAX_LIFETIME)
                : r.duration(idleKey, SessionConfig.DEFAULT_IDLE_TIMEOUT, min, MAX_LIFETIME);
        if (viaAlias) {
            r.effective(idleKey, Durations.format(idle));
            idleKey = "session.expiresIn";
        }
        Duration absolute = r.duration("session.absoluteTimeout", SessionConfig.DEFAULT_ABSOLUTE_TIMEOUT, min, MAX_LIFETIME);
        Duration updateAge = r.duration("session.updateAge", SessionConfig.DEFAULT_UPDATE_AGE, Duration.ZERO, MAX_LIFETIME);
        boolean rememberMe = r.bool("session.rememberMe.enabled", false);
        Duration rememberIdle = r.duration("session.rememberMe.idleTimeout", SessionConfig.DEFAULT_REMEMBER_ME_IDLE_TIMEOUT, min, MAX_LIFETIME);
        Duration cleanup = r.duration("session.cleanupInterval", SessionConfig.DEFAULT_CLEANUP_INTERVAL, min, Duration.ofDays(1));
        int maxPerUser = r.integer("session.maxPerUser", SessionConfig.DEFAULT_MAX_PER_USER, 0, 10_000);
        SessionConfig.Overflow overflow = SessionConfig.Overflow.fromConfigName(
                r.choice("session.overflow", SessionConfig.Overflow.EVICT_OLDEST.configName(), "evict-oldest", "reject"));

        if (updateAge.compareTo(idle.dividedBy(2)) > 0) {
            r.problem("session.updateAge", Durations.format(updateAge),
                    "must be at most " + idleKey + "/2 (" + Durations.format(idle.dividedBy(2)) + ")");
        }
        if (absolute.compareTo(idle) < 0) {
            r.problem("session.absoluteTimeout", Durations.format(absolute),
                    "must be at least " + idleKey + " (" + Durations.format(idle) + ")");
        }
        if (rememberMe && rememberIdle.compareTo(idle) < 0) {
            r.problem("session.rememberMe.idleTimeout", Durations.format(rememberIdle),
                    "must be at least " + idleKey + " (" + Durations.format(idle) + ")");
        }
        return new SessionConfig(idle, absolute, updateAge, rememberMe, rememberIdle, cleanup, maxPerUser, overflow);
    }

    private static CookieConfig readCookie(ConfigReader r, boolean https) {
        String prefix = r.string("cookie.prefix", CookieConfig.DEFAULT_PREFIX);
        if (!COOKIE_NAME_PART.matcher(prefix).matches()) r.problem("cookie.prefix", prefix, "must be 1 to 64 of A-Z a-z 0-9 _ . -");
        String name = r.string("cookie.sessionName", CookieConfig.DEFAULT_SESSION_NAME);
        if (!COOKIE_NAME_PART.matcher(name).matches()) r.problem("cookie.sessionName", name, "must be 1 to 64 of A-Z a-z 0-9 _ . -");
        String secureText = r.choice("cookie.secure", "auto", "auto", "true", "false");
        boolean secure = secureText.equals("auto") ? https : Boolean.parseBoolean(secureText);
        r.effective("cookie.secure", secureText.equals("auto") ? "auto (" + secure + ")" : secureText);
        String sameSite = r.choice("cookie.sameSite", CookieConfig.DEFAULT_SAME_SITE, "Lax", "Strict", "None");
        if (sameSite.equals("None") && !secure) {
            r.problem("cookie.sameSite", sameSite, "requires cookie.secure=true (browsers drop SameSite=None cookies without Secure)");
        }
        String domain = r.string("cookie.domain", null);
        if (domain != null && !domain.isEmpty() && !domain.matches("\\.?[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*")) {
            r.problem("cookie.domain", domain, "must be a host name such as example.com");
        }
        return new CookieConfig(prefix, name, secure, sameSite, domain == null || domain.isEmpty() ? null : domain);
    }

    private static AdminConfig readAdmin(ConfigReader r) {
        List<String> emails = r.list("admin.emails").stream().map(EmailAddress::normalise).toList();
        r.effective("admin.emails", "[" + String.join(", ", emails) + "]");
        for (String email : emails) {
            if (!EmailAddress.isValid(email)) r.problem("admin.emails", email, "must be a list of email addresses");
        }
        return new AdminConfig(emails);
    }

    private static MailConfig readMail(ConfigReader r) {
        MailConfig.Transport transport = MailConfig.Transport.valueOf(r.choice("mail.transport", "log", "log", "smtp").toUpperCase(Locale.ROOT));
        String from = r.string("mail.from", MailConfig.DEFAULT_FROM);
        try {
            new jakarta.mail.internet.InternetAddress(from, true);
        } catch (jakarta.mail.internet.AddressException e) {
            r.problem("mail.from", from, "must be an email address, optionally with a name: Name <address@example.com>");
        }
        String host = r.string("mail.smtp.host", null);
        int port = r.integer("mail.smtp.port", MailConfig.DEFAULT_SMTP_PORT, 1, 65535);
        String username = r.string("mail.smtp.username", null);
        String password = r.secret("mail.smtp.password");
        boolean starttls = r.bool("mail.smtp.starttls", true);
        boolean tls = r.bool("mail.smtp.tls", false);
        if (transport == MailConfig.Transport.SMTP && (host == null || host.isBlank())) {
            r.problem("mail.smtp.host is required when mail.transport is smtp");
        }
        if (starttls && tls && r.isSet("mail.smtp.starttls")) {
            r.problem("mail.smtp.starttls and mail.smtp.tls exclude each other: STARTTLS upgrades a plain connection, mail.smtp.tls starts with TLS");
        }
        String templates = r.string("mail.templatesDir", null);
        Path templatesDir = null;
        if (templates != null && !templates.isBlank()) {
            try {
                templatesDir = Path.of(templates);
                if (!Files.isDirectory(templatesDir)) r.problem("mail.templatesDir", templates, "must be an existing directory");
            } catch (InvalidPathException e) {
                // Found by ConfigFuzzTest: a character the file system cannot name escaped as an exception.
                templatesDir = null;
                r.problem("mail.templatesDir", templates, "must be a path this system can name (" + e.getReason() + ")");
            }
        }
        return new MailConfig(transport, from, host, port, username == null || username.isEmpty() ? null : username,
                password == null ? null : new Secret(password), starttls && !tls, tls, templatesDir);
    }

    private static LockoutConfig readLockout(ConfigReader r) {
        int maxFailures = r.integer("lockout.maxFailures", LockoutConfig.DEFAULT_MAX_FAILURES, 1, 10_000);
        Duration duration = r.duration("lockout.duration", LockoutConfig.DEFAULT_DURATION, Duration.ofSeconds(1), Duration.ofDays(365));
        int multiplier = r.integer("lockout.multiplier", LockoutConfig.DEFAULT_MULTIPLIER, 1, 100);
        Duration maxDuration = r.duration("lockout.maxDuration", LockoutConfig.DEFAULT_MAX_DURATION, Duration.ofSeconds(1), Duration.ofDays(365));
        Duration resetAfter = r.duration("lockout.resetAfter", LockoutConfig.DEFAULT_RESET_AFTER, Duration.ofSeconds(1), Duration.ofDays(365));
        if (maxDuration.compareTo(duration) < 0) {
            r.problem("lockout.maxDuration", Durations.format(maxDuration), "must be at least lockout.duration (" + Durations.format(duration) + ")");
        }
        return new LockoutConfig(maxFailures, duration, multiplier, maxDuration, resetAfter);
    }

    private static List<Cidr> readTrustedProxies(ConfigReader r) {
        List<Cidr> blocks = new ArrayList<>();
        for (String text : r.list("trustedProxies")) {
            Cidr block = Cidr.parse(text);
            if (block == null) {
                r.problem("trustedProxies", text, "must be an IP address or a CIDR block such as 10.0.0.0/8 or 2001:db8::/32 "
                        + "(prefix length 0 to 32 for IPv4, 0 to 128 for IPv6)");
            } else {
                blocks.add(block);
            }
        }
        r.effective("trustedProxies", blocks.toString());
        return List.copyOf(blocks);
    }

    private static RateLimitConfig readRateLimit(ConfigReader r) {
        boolean enabled = r.bool("rateLimit.enabled", true);
        Duration window = r.duration("rateLimit.window", RateLimitConfig.DEFAULT_WINDOW, RateLimitConfig.MIN_WINDOW, RateLimitConfig.MAX_WINDOW);
        int max = r.integer("rateLimit.max", RateLimitConfig.DEFAULT_MAX, 1, RateLimitConfig.MAX_MAX);
        Map<String, RateLimitRule> rules = new LinkedHashMap<>();
        rules.put(RateLimitRule.EVERYTHING, new RateLimitRule(RateLimitRule.EVERYTHING, window, max));
        RateLimitConfig.BUILT_IN_RULES.forEach(rule -> rules.put(rule.path(), rule));
        Map<String, RateLimitRule> configured = new LinkedHashMap<>();
        for (String item : r.list("rateLimit.rules")) {
            RateLimitRule rule = readRateLimitRule(r, item);
            if (rule == null) continue;
            if (configured.putIfAbsent(rule.path(), rule) != null) {
                r.problem("rateLimit.rules", item, "repeats the path " + rule.path() + ": give each path once");
            }
        }
        r.effective("rateLimit.rules", configured.values().toString());
        rules.putAll(configured);
        return new RateLimitConfig(enabled, List.copyOf(rules.values()));
    }

    /** One {@code path=window/max} item of {@code rateLimit.rules}; null after reporting a problem. */
    private static RateLimitRule readRateLimitRule(ConfigReader r, String item) {
        Matcher m = RATE_LIMIT_RULE.matcher(item);
        if (!m.matches()) {
            r.problem("rateLimit.rules", item, "must be path=window/max, e.g. /sign-in/*=10s/5");
            return null;
        }
        String path = m.group(1).trim();
        Duration window = Durations.parse(m.group(2));
        String maxText = m.group(3).trim();
        boolean ok = true;
        if (path.equals(RateLimitRule.EVERYTHING)) {
            r.problem("rateLimit.rules", item, "sets the default rule: use rateLimit.window and rateLimit.max for it");
            ok = false;
        } else if (!RATE_LIMIT_PATH.matcher(path).matches()) {
            r.problem("rateLimit.rules", item, "has the path " + path + ": must be a path under basePath such as /change-password, "
                    + "or a prefix ending in /* such as /sign-in/*");
            ok = false;
        }
        if (window == null || window.compareTo(RateLimitConfig.MIN_WINDOW) < 0 || window.compareTo(RateLimitConfig.MAX_WINDOW) > 0) {
            r.problem("rateLimit.rules", item, "has the window " + m.group(2).trim() + ": must be a duration from "
                    + Durations.format(RateLimitConfig.MIN_WINDOW) + " to " + Durations.format(RateLimitConfig.MAX_WINDOW) + ", such as 10s");
            ok = false;
        }
        int max = maxText.matches("\\d{1,7}") ? Integer.parseInt(maxText) : -1;
        if (max < 1 || max > RateLimitConfig.MAX_MAX) {
            r.problem("rateLimit.rules", item, "has the maximum " + maxText + ": must be an integer from 1 to " + RateLimitConfig.MAX_MAX);
            ok = false;
        }
        return ok ? new RateLimitRule(path, window, max) : null;
    }

    private static PasswordConfig readPassword(ConfigReader r) {
        int min = r.integer("password.minLength", PasswordConfig.DEFAULT_MIN_LENGTH, 8, 1024);
        int max = r.integer("password.maxLength", PasswordConfig.DEFAULT_MAX_LENGTH, 8, 1024);
        if (max < min) r.problem("password.maxLength", String.valueOf(max), "must be at least password.minLength (" + min + ")");
        int minStrength = r.integer("password.minStrength", PasswordConfig.DEFAULT_MIN_STRENGTH, 0, 4);
        Set<CharacterClass> classes = EnumSet.noneOf(CharacterClass.class);
        for (String name : r.list("password.requireClasses")) {
            CharacterClass c = CharacterClass.fromConfigName(name);
            if (c == null) r.problem("password.requireClasses", name, "must be a list of " + CharacterClass.configNames());
            else classes.add(c);
        }
        r.effective("password.requireClasses", classes.stream().map(CharacterClass::configName).collect(Collectors.joining(", ", "[", "]")));
        int hashingSlots = r.integer("password.hashingSlots", PasswordConfig.AUTOMATIC_HASHING_SLOTS, 0, PasswordConfig.MAX_HASHING_SLOTS);
        return new PasswordConfig(min, max, minStrength, classes, hashingSlots);
    }
}
