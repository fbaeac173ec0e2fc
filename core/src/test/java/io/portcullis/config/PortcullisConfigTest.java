package io.portcullis.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.net.Cidr;
import io.portcullis.ratelimit.RateLimitRule;
import io.portcullis.password.CharacterClass;
import io.portcullis.password.PasswordHasher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortcullisConfigTest {
    @TempDir
    Path dir;

    private static List<String> problemsOf(Map<String, ?> values) {
        try {
            PortcullisConfig.load(ConfigSources.of(values));
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("configuration was accepted: " + values);
    }

    @Test
    void defaultsMatchTheDocumentedOnes() {
        PortcullisConfig c = PortcullisConfig.defaults();
        assertThat(c.server().port()).isEqualTo(8080);
        assertThat(c.baseUrl()).isEqualTo("http://localhost:8080");
        assertThat(c.basePath()).isEqualTo("/api/auth");
        assertThat(c.database().url()).isEqualTo("jdbc:h2:file:./data/portcullis");
        assertThat(c.session().idleTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.session().absoluteTimeout()).isEqualTo(Duration.ofDays(30));
        assertThat(c.session().updateAge()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.cookie().secure()).isFalse();
        assertThat(c.cookie().sessionCookieName()).isEqualTo("portcullis.session_token");
        assertThat(c.password().minLength()).isEqualTo(12);
        assertThat(c.password().maxLength()).isEqualTo(128);
        assertThat(c.password().minStrength()).isEqualTo(3);
        assertThat(c.password().requiredClasses()).isEmpty();
        assertThat(c.session().maxPerUser()).isZero();
        assertThat(c.session().overflow()).isEqualTo(SessionConfig.Overflow.EVICT_OLDEST);
        assertThat(c.admin().emails()).isEmpty();
        assertThat(c.trustedProxies()).isEmpty();
        assertThat(c.rateLimit().enabled()).isTrue();
        assertThat(c.rateLimit().rules()).extracting(RateLimitRule::toString).containsExactly(
                "/*=10s/100", "/sign-in/*=10s/5", "/sign-up/*=10s/5", "/change-password=10s/5", "/two-factor/*=10s/5",
                "/request-password-reset=1m/3", "/send-verification-email=1m/3");
    }

    @Test
    void rateLimitRulesReplaceTheBuiltInRuleOfTheirPathOrAddOne() {
        PortcullisConfig c = PortcullisConfig.load(ConfigSources.of(Map.of(
                "rateLimit.enabled", "FALSE", "rateLimit.window", "1m", "rateLimit.max", "600",
                "rateLimit.rules", List.of("/sign-in/*=30s/10", " /admin/list-users = PT1M/20 "))));
        assertThat(c.rateLimit().enabled()).isFalse();
        assertThat(c.rateLimit().rules()).extracting(RateLimitRule::toString).containsExactly(
                "/*=1m/600", "/sign-in/*=30s/10", "/sign-up/*=10s/5", "/change-password=10s/5", "/two-factor/*=10s/5",
                "/request-password-reset=1m/3", "/send-verification-email=1m/3", "/admin/list-users=1m/20");
        assertThat(c.printable()).containsEntry("rateLimit.rules", "[/sign-in/*=30s/10, /admin/list-users=1m/20]")
                .containsEntry("rateLimit.window", "1m").containsEntry("rateLimit.max", "600").containsEntry("rateLimit.enabled", "false");
    }

    @Test
    void badRateLimitSettingsAreEachReportedOnALine() {
        assertThat(problemsOf(Map.of("rateLimit.enabled", "yes", "rateLimit.window", "0s", "rateLimit.max", "0",
                "rateLimit.rules", List.of("/sign-in/*", "sign-in=10s/5", "/a/*/b=10s/5", "/x=0s/5", "/y=10s/0", "/z=soon/many",
                        "/*=10s/5", "/ok=1s/1", "/ok=2s/2"))))
                .containsExactlyInAnyOrder(
                        "rateLimit.enabled=yes must be true or false",
                        "rateLimit.window=0s must be from 1s to 1d",
                        "rateLimit.max=0 must be an integer from 1 to 1000000",
                        "rateLimit.rules=/sign-in/* must be path=window/max, e.g. /sign-in/*=10s/5",
                        "rateLimit.rules=sign-in=10s/5 has the path sign-in: must be a path under basePath such as /change-password, "
                                + "or a prefix ending in /* such as /sign-in/*",
                        "rateLimit.rules=/a/*/b=10s/5 has the path /a/*/b: must be a path under basePath such as /change-password, "
                                + "or a prefix ending in /* such as /sign-in/*",
                        "rateLimit.rules=/x=0s/5 has the window 0s: must be a duration from 1s to 1d, such as 10s",
                        "rateLimit.rules=/y=10s/0 has the maximum 0: must be an integer from 1 to 1000000",
                        "rateLimit.rules=/z=soon/many has the window soon: must be a duration from 1s to 1d, such as 10s",
                        "rateLimit.rules=/z=soon/many has the maximum many: must be an integer from 1 to 1000000",
                        "rateLimit.rules=/*=10s/5 sets the default rule: use rateLimit.window and rateLimit.max for it",
                        "rateLimit.rules=/ok=2s/2 repeats the path /ok: give each path once");
    }

    @Test
    void trustedProxiesAreCidrBlocksOrBareAddresses() {
        PortcullisConfig c = PortcullisConfig.load(ConfigSources.of(Map.of(
                "trustedProxies", "10.1.2.3/8, 127.0.0.1, ::1, 2001:DB8::/32, ::ffff:192.168.0.0/112")));
        assertThat(c.trustedProxies()).extracting(Cidr::toString)
                .containsExactly("10.0.0.0/8", "127.0.0.1/32", "::1/128", "2001:db8::/32", "192.168.0.0/16");
        assertThat(c.printable()).containsEntry("trustedProxies", "[10.0.0.0/8, 127.0.0.1/32, ::1/128, 2001:db8::/32, 192.168.0.0/16]");

        String allowed = " must be an IP address or a CIDR block such as 10.0.0.0/8 or 2001:db8::/32 "
                + "(prefix length 0 to 32 for IPv4, 0 to 128 for IPv6)";
        assertThat(problemsOf(Map.of("trustedProxies", List.of("10.0.0.0/33", "proxy.internal", "::1/129", "10.0.0.0/8"))))
                .containsExactlyInAnyOrder("trustedProxies=10.0.0.0/33" + allowed, "trustedProxies=proxy.internal" + allowed,
                        "trustedProxies=::1/129" + allowed);
    }

    @Test
    void rateLimitListsAreCommaSeparatedInTheEnvironment() {
        PortcullisConfig c = PortcullisConfig.load(ConfigSources.load(null,
                Map.of("PORTCULLIS_RATE_LIMIT_RULES", "/sign-in/*=10s/3,/ok=1s/50", "PORTCULLIS_TRUSTED_PROXIES", "10.0.0.0/8,fd00::/8"),
                new Properties()));
        assertThat(c.rateLimit().rules()).extracting(RateLimitRule::toString).contains("/sign-in/*=10s/3", "/ok=1s/50");
        assertThat(c.trustedProxies()).extracting(Cidr::toString).containsExactly("10.0.0.0/8", "fd00::/8");
    }

    @Test
    void mailDefaultsToTheLogAndSmtpNeedsAHost() {
        MailConfig mail = PortcullisConfig.defaults().mail();
        assertThat(mail.transport()).isEqualTo(MailConfig.Transport.LOG);
        assertThat(mail.from()).isEqualTo("Portcullis <no-reply@localhost>");
        assertThat(mail.smtpPort()).isEqualTo(587);
        assertThat(mail.smtpStarttls()).isTrue();

        assertThat(problemsOf(Map.of("mail.transport", "smtp", "mail.from", "not an address <>")))
                .containsExactlyInAnyOrder("mail.from=not an address <> must be an email address, optionally with a name: Name <address@example.com>",
                        "mail.smtp.host is required when mail.transport is smtp");
        assertThat(problemsOf(Map.of("mail.transport", "carrier-pigeon"))).containsExactly("mail.transport=carrier-pigeon must be one of log, smtp");
        assertThat(problemsOf(Map.of("mail.smtp.starttls", "true", "mail.smtp.tls", "true"))).singleElement()
                .satisfies(p -> assertThat(p).startsWith("mail.smtp.starttls and mail.smtp.tls exclude each other"));

        PortcullisConfig smtps = PortcullisConfig.load(ConfigSources.of(Map.of("mail.transport", "smtp", "mail.smtp.host", "smtp.example.com",
                "mail.smtp.port", "465", "mail.smtp.tls", "true", "mail.smtp.username", "relay", "mail.smtp.password", "hunter2hunter2")));
        assertThat(smtps.mail().smtpTls()).isTrue();
        assertThat(smtps.mail().smtpStarttls()).isFalse();
        assertThat(smtps.printable()).containsEntry("mail.smtp.password", "****");
        assertThat(smtps.mail().toString()).doesNotContain("hunter2");
    }

    @Test
    void lockoutDefaultsAndRules() {
        LockoutConfig lockout = PortcullisConfig.defaults().lockout();
        assertThat(lockout).isEqualTo(new LockoutConfig(5, Duration.ofMinutes(15), 2, Duration.ofHours(24), Duration.ofHours(12)));
        // 15m, 30m, 1h … 16h, then capped at 24h.
        assertThat(lockout.lockLength(1)).isEqualTo(Duration.ofMinutes(15));
        assertThat(lockout.lockLength(2)).isEqualTo(Duration.ofMinutes(30));
        assertThat(lockout.lockLength(7)).isEqualTo(Duration.ofHours(16));
        assertThat(lockout.lockLength(8)).isEqualTo(Duration.ofHours(24));
        assertThat(lockout.lockLength(1000)).isEqualTo(Duration.ofHours(24));

        assertThat(problemsOf(Map.of("lockout.maxFailures", "0", "lockout.duration", "1h", "lockout.maxDuration", "30m")))
                .containsExactlyInAnyOrder("lockout.maxFailures=0 must be an integer from 1 to 10000",
                        "lockout.maxDuration=30m must be at least lockout.duration (1h)");
    }

    @Test
    void sessionCapAndAdminEmailsAreReadValidatedAndNormalised() {
        PortcullisConfig c = PortcullisConfig.load(ConfigSources.of(Map.of(
                "session.maxPerUser", "3", "session.overflow", "REJECT", "admin.emails", List.of(" Boss@Example.com ", "ops@example.com"))));
        assertThat(c.session().maxPerUser()).isEqualTo(3);
        assertThat(c.session().overflow()).isEqualTo(SessionConfig.Overflow.REJECT);
        assertThat(c.admin().emails()).containsExactly("boss@example.com", "ops@example.com");
        assertThat(c.printable()).containsEntry("session.overflow", "reject").containsEntry("admin.emails", "[boss@example.com, ops@example.com]");

        assertThat(problemsOf(Map.of("session.maxPerUser", "-1", "session.overflow", "drop-newest", "admin.emails", "root")))
                .containsExactlyInAnyOrder(
                        "session.maxPerUser=-1 must be an integer from 0 to 10000",
                        "session.overflow=drop-newest must be one of evict-oldest, reject",
                        "admin.emails=root must be a list of email addresses");
    }

    @Test
    void hashingSlotsAreAutomaticUnlessSetAndBounded() {
        assertThat(PortcullisConfig.load(ConfigSources.of(Map.of())).password().hashingSlots()).isEqualTo(PasswordConfig.AUTOMATIC_HASHING_SLOTS);
        PortcullisConfig c = PortcullisConfig.load(ConfigSources.of(Map.of("password.hashingSlots", "1")));
        assertThat(c.password().hashingSlots()).isEqualTo(1);
        assertThat(c.printable()).containsEntry("password.hashingSlots", "1");
        assertThat(new PasswordHasher(c.password().hashingSlots()).hashingSlots()).isEqualTo(1);
        assertThat(problemsOf(Map.of("password.hashingSlots", "257"))).containsExactly("password.hashingSlots=257 must be an integer from 0 to 256");
        assertThat(problemsOf(Map.of("password.hashingSlots", "-1"))).containsExactly("password.hashingSlots=-1 must be an integer from 0 to 256");
    }

    @Test
    void passwordStrengthAndClassesAreReadAndEveryUnknownClassIsAProblem() {
        PortcullisConfig c = PortcullisConfig.load(ConfigSources.of(Map.of(
                "password.minStrength", "4", "password.requireClasses", List.of("symbol", "Digit", "lower", "digit"))));
        assertThat(c.password().minStrength()).isEqualTo(4);
        assertThat(c.password().requiredClasses()).containsExactly(CharacterClass.LOWER, CharacterClass.DIGIT, CharacterClass.SYMBOL);
        assertThat(c.printable()).containsEntry("password.minStrength", "4").containsEntry("password.requireClasses", "[lower, digit, symbol]");
        // environment variables give lists comma-separated
        assertThat(PortcullisConfig.load(ConfigSources.load(null, Map.of("PORTCULLIS_PASSWORD_REQUIRE_CLASSES", "upper, digit"), new Properties()))
                .password().requiredClasses()).containsExactly(CharacterClass.UPPER, CharacterClass.DIGIT);

        assertThat(problemsOf(Map.of("password.minStrength", "5", "password.requireClasses", List.of("upper", "special", "emoji"))))
                .containsExactlyInAnyOrder(
                        "password.minStrength=5 must be an integer from 0 to 4",
                        "password.requireClasses=special must be a list of lower, upper, digit, symbol",
                        "password.requireClasses=emoji must be a list of lower, upper, digit, symbol");
        assertThat(problemsOf(Map.of("password.minStrength", "-1"))).containsExactly("password.minStrength=-1 must be an integer from 0 to 4");
    }

    @Test
    void laterSourcesWin_fileThenEnvironmentThenSystemProperties() throws Exception {
        Path file = dir.resolve("portcullis.yaml");
        Files.writeString(file, """
                appName: FromFile
                session:
                  idleTimeout: 20m
                  updateAge: 1m
                server:
                  port: 9000
                """);
        Properties props = new Properties();
        props.setProperty("portcullis.server.port", "9100");
        props.setProperty("unrelated.property", "ignored");
        Map<String, String> env = Map.of("PORTCULLIS_SESSION_IDLE_TIMEOUT", "PT40M", "PORTCULLIS_SERVER_PORT", "9050", "PATH", "/bin");

        PortcullisConfig c = PortcullisConfig.load(ConfigSources.load(file, env, props));

        assertThat(c.appName()).isEqualTo("FromFile");
        assertThat(c.session().idleTimeout()).isEqualTo(Duration.ofMinutes(40));
        assertThat(c.server().port()).isEqualTo(9100);
        assertThat(c.baseUrl()).isEqualTo("http://localhost:9100");
    }

    @Test
    void theConfigFileCanBeNamedByPortcullisConfig() throws Exception {
        Path file = dir.resolve("named.yaml");
        Files.writeString(file, "appName: Named\n");
        PortcullisConfig c = PortcullisConfig.load(ConfigSources.load(null, Map.of("PORTCULLIS_CONFIG", file.toString()), new Properties()));
        assertThat(c.appName()).isEqualTo("Named");
    }

    @Test
    void updateAgeAboveHalfTheIdleTimeoutIsRefusedWithTheDocumentedLine() {
        assertThat(problemsOf(Map.of("session.updateAge", "1h")))
                .containsExactly("session.updateAge=1h must be at most session.idleTimeout/2 (15m)");
    }

    @Test
    void everyProblemIsReportedOnItsOwnLine() {
        assertThat(problemsOf(Map.of("server.port", "http", "session.idleTimeout", "soon", "cookie.sameSite", "Sometimes")))
                .containsExactlyInAnyOrder(
                        "server.port=http must be an integer from 0 to 65535",
                        "session.idleTimeout=soon must be a duration such as 30s, 15m, 12h, 30d or PT30M",
                        "cookie.sameSite=Sometimes must be one of Lax, Strict, None");
    }

    @Test
    void unknownKeysAreErrorsWithASuggestion() {
        assertThat(problemsOf(Map.of("sesion.idleTimeout", "10m")))
                .containsExactly("sesion.idleTimeout is not a configuration key (in (given)) (did you mean session.idleTimeout?)");
        assertThat(PortcullisConfig.load(ConfigSources.of(Map.of())).session()).isNotNull();
    }

    @Test
    void unknownEnvironmentVariablesAndPropertiesAreErrorsToo() {
        Properties props = new Properties();
        props.setProperty("portcullis.sesion.updateAge", "1m");
        assertThatThrownBy(() -> PortcullisConfig.load(ConfigSources.load(null, Map.of("PORTCULLIS_SESSION_IDLE_TIMOUT", "1m"), props)))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "PORTCULLIS_SESSION_IDLE_TIMOUT is not a configuration variable (did you mean PORTCULLIS_SESSION_IDLE_TIMEOUT?)",
                        "portcullis.sesion.updateAge is not a configuration property (did you mean portcullis.session.updateAge?)"));
    }

    @Test
    void expiresInIsAnAliasOfIdleTimeoutButNotBoth() {
        assertThat(PortcullisConfig.load(ConfigSources.of(Map.of("session.expiresIn", "1h"))).session().idleTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(problemsOf(Map.of("session.expiresIn", "1h", "session.idleTimeout", "1h")))
                .containsExactly("session.expiresIn is an alias of session.idleTimeout: set only one of them");
    }

    @Test
    void httpsNeedsALongSecretAndMakesCookiesSecureWithTheHostPrefix() {
        assertThat(problemsOf(Map.of("baseUrl", "https://auth.example.com")))
                .containsExactly("secret is required when baseUrl is https (https://auth.example.com): set at least 32 random characters");
        assertThat(problemsOf(Map.of("secret", "short"))).containsExactly("secret=**** must be at least 32 characters (it has 5)");

        PortcullisConfig c = PortcullisConfig.load(ConfigSources.of(Map.of("baseUrl", "https://auth.example.com/", "secret", "x".repeat(32))));
        assertThat(c.baseUrl()).isEqualTo("https://auth.example.com");
        assertThat(c.cookie().secure()).isTrue();
        assertThat(c.cookie().sessionCookieName()).isEqualTo("__Host-portcullis.session_token");
    }

    @Test
    void sameSiteNoneWithoutSecureIsRefused() {
        assertThat(problemsOf(Map.of("cookie.sameSite", "none")))
                .containsExactly("cookie.sameSite=None requires cookie.secure=true (browsers drop SameSite=None cookies without Secure)");
    }

    @Test
    void printedConfigurationMasksSecrets() {
        PortcullisConfig c = PortcullisConfig.load(ConfigSources.of(Map.of(
                "secret", "s".repeat(40),
                "database.url", "jdbc:postgresql://db/portcullis?user=app&password=hunter2hunter2",
                "database.password", "pg-password-123")));
        String printed = c.printable().toString();
        assertThat(printed).doesNotContain("sssssss", "hunter2", "pg-password-123");
        assertThat(c.printable()).containsEntry("secret", "****").containsEntry("database.password", "****")
                .containsEntry("database.url", "jdbc:postgresql://db/portcullis?user=app&password=****")
                .containsEntry("session.idleTimeout", "30m");
        assertThat(c.toString()).doesNotContain("sssssss", "pg-password-123");
    }

    @Test
    void durationsAcceptShortAndIsoForms() {
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("12h")).isEqualTo(Duration.ofHours(12));
        assertThat(Durations.parse("30d")).isEqualTo(Duration.ofDays(30));
        assertThat(Durations.parse("PT30M")).isEqualTo(Duration.ofMinutes(30));
        assertThat(Durations.parse("pt30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(Durations.parse("-5m")).isNull();
        assertThat(Durations.parse("5 minutes")).isNull();
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("90m");
    }

    @Test
    void anInvalidYamlFileIsOneClearProblem() throws Exception {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, "session: [unclosed\n");
        assertThatThrownBy(() -> PortcullisConfig.load(ConfigSources.load(file, Map.of(), new Properties())))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).hasSize(1);
                    assertThat(e.problems().get(0)).startsWith(file + ": not valid YAML");
                });
    }

    @Test
    void twoFactorIssuerDefaultsToTheAppNameAndMayNotHoldTheLabelSeparator() {
        PortcullisConfig c = PortcullisConfig.load(ConfigSources.of(Map.of("appName", "Acme")));
        assertThat(c.twoFactor().issuer()).isEqualTo("Acme");
        assertThat(c.twoFactor().enabled()).isTrue();
        assertThat(PortcullisConfig.load(ConfigSources.of(Map.of("appName", "Acme: staging"))).twoFactor().issuer()).isEqualTo("Acme staging");
        assertThat(problemsOf(Map.of("twoFactor.issuer", "Acme: prod", "twoFactor.enabled", "maybe"))).containsExactlyInAnyOrder(
                "twoFactor.issuer=Acme: prod must be 1 to 64 characters, without ':' (it separates issuer and account in authenticator apps)",
                "twoFactor.enabled=maybe must be true or false");
    }

    @Test
    void corsAllowsExactOriginsOnly() {
        assertThat(PortcullisConfig.load(ConfigSources.of(Map.of("cors.allowedOrigins", List.of("https://app.example.com", "http://localhost:5173"))))
                .cors().allowedOrigins()).containsExactly("https://app.example.com", "http://localhost:5173");
        assertThat(PortcullisConfig.load(ConfigSources.of(Map.of())).cors().allowedOrigins()).isEmpty();
        assertThat(problemsOf(Map.of("cors.allowedOrigins", List.of("https://*.example.com", "https://app.example.com/", "*")))).containsExactly(
                "cors.allowedOrigins=https://*.example.com must be an exact origin such as https://app.example.com (no wildcard, no path)",
                "cors.allowedOrigins=https://app.example.com/ must be an exact origin such as https://app.example.com (no wildcard, no path)",
                "cors.allowedOrigins=* must be an exact origin such as https://app.example.com (no wildcard, no path)");
    }

    @Test
    void metricsAreOffAndLogsAreTextUnlessConfigured() {
        PortcullisConfig defaults = PortcullisConfig.defaults();
        assertThat(defaults.observability().metricsEnabled()).isFalse();
        assertThat(defaults.observability().logFormat()).isEqualTo(ObservabilityConfig.LogFormat.TEXT);
        PortcullisConfig set = PortcullisConfig.load(ConfigSources.of(Map.of("metrics.enabled", "true", "log.format", "json")));
        assertThat(set.observability().metricsEnabled()).isTrue();
        assertThat(set.observability().logFormat()).isEqualTo(ObservabilityConfig.LogFormat.JSON);
        assertThat(problemsOf(Map.of("metrics.enabled", "yes", "log.format", "xml"))).containsExactlyInAnyOrder(
                "metrics.enabled=yes must be true or false",
                "log.format=xml must be one of text, json");
    }

    @Test
    void aMetricsTokenIsOptionalLongAndHeaderSafeAndMaskedInOutput() {
        assertThat(PortcullisConfig.defaults().observability().metricsToken()).isNull();
        String token = "scrape-Token_0123456789.abcdefghij~+/==";
        PortcullisConfig set = PortcullisConfig.load(ConfigSources.of(Map.of("metrics.enabled", "true", "metrics.token", token)));
        assertThat(set.observability().metricsToken().value()).isEqualTo(token);
        assertThat(set.observability().toString()).doesNotContain(token);
        assertThat(set.printable()).containsEntry("metrics.token", "****");
        assertThat(PortcullisConfig.load(ConfigSources.of(Map.of("metrics.token", ""))).observability().metricsToken()).as("empty: not set").isNull();

        assertThat(problemsOf(Map.of("metrics.token", "too-short"))).containsExactly("metrics.token=**** must be at least 32 characters (it has 9)");
        String withSpace = "a token with spaces that is long enough";
        assertThat(problemsOf(Map.of("metrics.token", withSpace))).containsExactly(
                "metrics.token=**** must be made of A-Z a-z 0-9 - . _ ~ + / (then = only at the end), as a bearer token in a header is")
                .allSatisfy(p -> assertThat(p).doesNotContain(withSpace));
        assertThat(problemsOf(Map.of("metrics.token", "=".repeat(4) + "a".repeat(32)))).hasSize(1);
    }

    @Test
    void pathsTheFileSystemCannotNameAreProblemsNotExceptions() {
        // Found by ConfigFuzzTest: NUL cannot be part of a path, on any file system.
        assertThat(problemsOf(Map.of("mail.templatesDir", "tem\u0000plates", "database.url", "jdbc:h2:file:./da\u0000ta")))
                .containsExactlyInAnyOrder(
                        "mail.templatesDir=tem\u0000plates must be a path this system can name (Nul character not allowed)",
                        "database.url=jdbc:h2:file:./da\u0000ta must name a file path this system can name (Nul character not allowed)");
    }
}
