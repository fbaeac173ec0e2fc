package io.portcullis.server.cli;

import static io.portcullis.server.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.ErrorCode;
import io.portcullis.Ids;
import io.portcullis.Portcullis;
import io.portcullis.PortcullisException;
import io.portcullis.Sha256;
import io.portcullis.audit.Actor;
import io.portcullis.config.ConfigSources;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.ServerSecret;
import io.portcullis.session.ClientInfo;
import io.portcullis.session.SessionPrecondition;
import io.portcullis.testing.MutableClock;
import io.portcullis.testing.TestDatabase;
import io.portcullis.twofactor.SecretCipher;
import io.portcullis.twofactor.TrustedDeviceStore;
import io.portcullis.twofactor.TwoFactorStore;
import io.portcullis.user.Roles;
import io.portcullis.user.User;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user and session commands, run in-process against a real database of each kind through a
 * YAML configuration file, judged by what they print and by the rows they leave. A second engine,
 * on the test's clock, makes the users and sessions the commands act on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CommandLineContract {
    static final String PASSWORD = "correct horse battery staple";

    private TestDatabase database;
    private Portcullis engine;
    private final MutableClock clock = new MutableClock(Instant.now());
    private String config;

    abstract TestDatabase.Kind kind();

    @BeforeAll
    void openDatabase(@TempDir Path dir) throws Exception {
        database = TestDatabase.create(kind());
        Path file = dir.resolve("portcullis.yaml");
        Files.writeString(file, database.settings().entrySet().stream()
                .map(e -> e.getKey() + ": \"" + e.getValue() + "\"")
                .collect(Collectors.joining("\n", "", "\n")));
        config = file.toString();
        engine = Portcullis.builder(PortcullisConfig.load(ConfigSources.of(database.settings())))
                .clock(clock).backgroundJobs(false).start();
    }

    @AfterAll
    void closeDatabase() {
        if (engine != null) engine.close();
        if (database != null) database.close();
    }

    @BeforeEach
    void resetClock() {
        clock.set(Instant.now());
    }

    private static String newEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    private CliRun cli(String... args) {
        return cliWithInput("", args);
    }

    private CliRun cliWithInput(String stdin, String... args) {
        String[] withConfig = new String[args.length + 2];
        System.arraycopy(args, 0, withConfig, 0, args.length);
        withConfig[args.length] = "--config";
        withConfig[args.length + 1] = config;
        return run(stdin, withConfig);
    }

    /** A user without a password, for commands that never need one to sign in (no Argon2id cost). */
    private User newUser() {
        return engine.users().create(newEmail(), "", null, Roles.DEFAULT, false, null, clock.instant());
    }

    private void newSessions(User user, int count) {
        for (int i = 0; i < count; i++) engine.sessions().create(user, true, ClientInfo.UNKNOWN, "password", SessionPrecondition.userActive());
    }

    private String role(String email) throws Exception {
        return queryOne("SELECT role FROM " + userTable() + " WHERE email = ?", email);
    }

    private String userTable() throws Exception {
        try (Connection c = database.connect()) {
            String quote = c.getMetaData().getIdentifierQuoteString();
            return quote + "user" + quote;
        }
    }

    private long sessionCount(String userId) throws Exception {
        return Long.parseLong(queryOne("SELECT COUNT(*) FROM session WHERE user_id = ?", userId));
    }

    private String queryOne(String sql, String parameter) throws Exception {
        try (Connection c = database.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as(sql).isTrue();
                return rs.getString(1);
            }
        }
    }

    private record AuditRow(String actorId, String userAgent, String detail) {}

    private List<AuditRow> auditEvents(String userId, String type) throws Exception {
        List<AuditRow> rows = new ArrayList<>();
        try (Connection c = database.connect();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT actor_id, user_agent, detail FROM audit_event WHERE user_id = ? AND type = ? ORDER BY id")) {
            ps.setString(1, userId);
            ps.setString(2, type);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) rows.add(new AuditRow(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        }
        return rows;
    }

    private List<AuditRow> auditEventsWithoutUser(String type) throws Exception {
        List<AuditRow> rows = new ArrayList<>();
        try (Connection c = database.connect();
             PreparedStatement ps = c.prepareStatement("SELECT actor_id, user_agent, detail FROM audit_event WHERE user_id IS NULL AND type = ?")) {
            ps.setString(1, type);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) rows.add(new AuditRow(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        }
        return rows;
    }

    @Test
    void userCreateWithAdminStoresTheAdminRoleAndWithoutItTheUserRole() throws Exception {
        String admin = newEmail();
        CliRun created = cliWithInput(PASSWORD + "\n", "user", "create", "--email", admin, "--admin", "--password-stdin");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).contains("<" + admin + ">").doesNotContain(PASSWORD);
        assertThat(role(admin)).isEqualTo("admin");
        String adminId = engine.users().findByEmail(admin).orElseThrow().id();
        assertThat(auditEvents(adminId, "user_created")).singleElement().satisfies(e -> {
            assertThat(e.actorId()).isNull();
            assertThat(e.userAgent()).isEqualTo("portcullis-cli");
            assertThat(e.detail()).contains("\"role\":\"admin\"");
        });

        String plain = newEmail();
        assertThat(cliWithInput(PASSWORD + "\n", "user", "create", "--email", plain, "--password-stdin").exitCode()).isZero();
        assertThat(role(plain)).isEqualTo("user");
    }

    @Test
    void userCreateAppliesThePasswordPolicyWithTheNewUsersEmailAndName() throws Exception {
        String email = newEmail();
        CliRun ownEmail = cliWithInput(email + "\n", "user", "create", "--email", email, "--password-stdin");
        assertThat(ownEmail.exitCode()).isEqualTo(1);
        assertThat(ownEmail.err()).startsWith("portcullis: PASSWORD_TOO_WEAK: Password is too weak: ").doesNotContain(email);
        CliRun ownName = cliWithInput("Quibblesworth1999\n", "user", "create", "--email", email, "--name", "Xanthippe Quibblesworth", "--password-stdin");
        assertThat(ownName.exitCode()).isEqualTo(1);
        assertThat(ownName.err()).startsWith("portcullis: PASSWORD_TOO_WEAK: ");
        assertThat(engine.users().findByEmail(email)).isEmpty();

        assertThat(cliWithInput("Quibblesworth1999\n", "user", "create", "--email", email, "--password-stdin").exitCode()).isZero();
    }

    @Test
    void setRoleChangesTheStoredRoleEndsTheUsersSessionsAndIsAudited() throws Exception {
        String email = newEmail();
        User user = engine.emailPassword().createUser(email, "Ada", PASSWORD, null, Roles.DEFAULT);
        engine.emailPassword().signIn(email, PASSWORD, true, ClientInfo.UNKNOWN, null);
        User bystander = newUser();
        newSessions(bystander, 1);
        assertThat(sessionCount(user.id())).isEqualTo(1);

        CliRun r = cli("user", "set-role", "--email", email.toUpperCase(), "--role", "admin,support");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("set role of " + email + " to admin,support" + System.lineSeparator());
        assertThat(role(email)).isEqualTo("admin,support");
        assertThat(sessionCount(user.id())).isZero();
        assertThat(sessionCount(bystander.id())).isEqualTo(1);

        assertThat(auditEvents(user.id(), "role_changed")).singleElement().satisfies(e -> {
            assertThat(e.actorId()).isNull();
            assertThat(e.userAgent()).isEqualTo("portcullis-cli");
            assertThat(e.detail()).contains("\"from\":\"user\"", "\"to\":\"admin,support\"");
        });
        assertThat(auditEvents(user.id(), "session_revoked")).singleElement().satisfies(e -> {
            assertThat(e.actorId()).isNull();
            assertThat(e.detail()).contains("\"reason\":\"role_changed\"", "\"count\":1");
        });
    }

    @Test
    void setRoleRefusesABadRoleNameAndChangesNothing() throws Exception {
        User user = newUser();
        newSessions(user, 1);

        CliRun r = cli("user", "set-role", "--email", user.email(), "--role", "admin,not a role");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("portcullis: VALIDATION_ERROR: ");
        assertThat(r.out()).isEmpty();
        assertThat(role(user.email())).isEqualTo("user");
        assertThat(sessionCount(user.id())).isEqualTo(1);
        assertThat(auditEvents(user.id(), "role_changed")).isEmpty();
    }

    @Test
    void sessionsRevokeDeletesEverySessionOfTheUserAndNoOtherUsers() throws Exception {
        User user = newUser();
        User bystander = newUser();
        newSessions(user, 3);
        newSessions(bystander, 2);

        CliRun r = cli("sessions", "revoke", "--user", user.email());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("revoked 3 session(s) of " + user.email() + System.lineSeparator());
        assertThat(sessionCount(user.id())).isZero();
        assertThat(sessionCount(bystander.id())).isEqualTo(2);
        assertThat(auditEvents(user.id(), "session_revoked")).singleElement().satisfies(e -> {
            assertThat(e.actorId()).isNull();
            assertThat(e.userAgent()).isEqualTo("portcullis-cli");
            assertThat(e.detail()).contains("\"reason\":\"admin\"", "\"count\":3");
        });

        CliRun again = cli("sessions", "revoke", "--user", user.email());
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("revoked 0 session(s) of " + user.email());
        // a force logout is recorded even when there was nothing to end
        assertThat(auditEvents(user.id(), "session_revoked")).hasSize(2).last()
                .satisfies(e -> assertThat(e.detail()).contains("\"count\":0"));
    }

    @Test
    void sessionsCleanupDeletesOnlyExpiredSessions() throws Exception {
        User user = newUser();
        clock.set(Instant.now().minus(Duration.ofDays(60))); // past even the 30-day absolute timeout
        newSessions(user, 2);
        clock.set(Instant.now());
        newSessions(user, 1);
        assertThat(sessionCount(user.id())).isEqualTo(3);

        CliRun r = cli("sessions", "cleanup");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("deleted 2 expired session(s)" + System.lineSeparator());
        assertThat(sessionCount(user.id())).isEqualTo(1);

        assertThat(cli("sessions", "cleanup").out()).contains("deleted 0 expired session(s)");
        assertThat(sessionCount(user.id())).isEqualTo(1);
    }

    @Test
    void userUnlockLiftsTheLockoutAndIsAudited() throws Exception {
        User user = newUser();
        for (int i = 0; i < 5; i++) engine.lockout().begin(user.email()).failed(user.id(), Actor.COMMAND_LINE);
        assertThatThrownBy(() -> engine.lockout().begin(user.email()))
                .isInstanceOfSatisfying(PortcullisException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCOUNT_LOCKED));

        CliRun r = cli("user", "unlock", "--email", user.email().toUpperCase(Locale.ROOT));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("unlocked " + user.email() + "\n");
        engine.lockout().begin(user.email()).succeeded();
        assertThat(auditEvents(user.id(), "account_unlocked")).singleElement()
                .satisfies(e -> assertThat(e.userAgent()).isEqualTo("portcullis-cli"));

        assertThat(cli("user", "unlock", "--email", user.email()).out()).isEqualTo(user.email() + " was not locked; failed attempts forgotten\n");
    }

    @Test
    void userTwoFactorOffTurnsItOffForgetsTrustedDevicesAndIsAudited() throws Exception {
        User user = newUser();
        TwoFactorStore enrolments = new TwoFactorStore(engine.database());
        TrustedDeviceStore devices = new TrustedDeviceStore(engine.database());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        assertThat(enrolments.savePending(user.id(), "v1.stored-secret", "", now)).isTrue();
        assertThat(enrolments.markVerified(user.id(), "v1.stored-secret", now)).isTrue();
        String device = Sha256.hex("device cookie");
        devices.insert(Ids.newId(), user.id(), device, now, now.plus(Duration.ofDays(30)));
        assertThat(engine.users().findById(user.id()).orElseThrow().twoFactorEnabled()).isTrue();

        CliRun r = cli("user", "two-factor-off", "--email", user.email());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("two-factor authentication turned off for " + user.email() + System.lineSeparator());
        assertThat(engine.users().findById(user.id()).orElseThrow().twoFactorEnabled()).isFalse();
        assertThat(enrolments.find(user.id())).isEmpty();
        assertThat(devices.findValid(device, now)).isEmpty();
        assertThat(auditEvents(user.id(), "two_factor_disabled")).singleElement()
                .satisfies(e -> assertThat(e.userAgent()).isEqualTo("portcullis-cli"));

        assertThat(cli("user", "two-factor-off", "--email", user.email()).out())
                .isEqualTo(user.email() + " had no two-factor authentication" + System.lineSeparator());
    }

    @Test
    void anUnknownEmailExitsWith1AndSaysSo() {
        for (String[] args : List.of(
                new String[] {"user", "set-role", "--email", "Nobody@Example.com", "--role", "admin"},
                new String[] {"user", "unlock", "--email", "Nobody@Example.com"},
                new String[] {"user", "two-factor-off", "--email", "Nobody@Example.com"},
                new String[] {"sessions", "revoke", "--user", "Nobody@Example.com"})) {
            CliRun r = cli(args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(1);
            assertThat(r.err().lines()).as(String.join(" ", args)).containsExactly("portcullis: no user with email nobody@example.com");
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void everyCommandHasHelpNamingItsOptionsAndTheGroupsPrintUsage() {
        Map<String, List<String>> options = Map.of(
                "user create", List.of("--email", "--name", "--password-stdin", "--admin", "--config"),
                "user set-role", List.of("--email", "--role", "--config"),
                "user unlock", List.of("--email", "--config"),
                "user two-factor-off", List.of("--email", "--config"),
                "sessions revoke", List.of("--user", "--config"),
                "sessions cleanup", List.of("--config"),
                "secret check", List.of("--config"),
                "secret replace", List.of("--yes", "--config"));
        options.forEach((command, names) -> {
            List<String> args = new ArrayList<>(List.of(command.split(" ")));
            args.add("--help");
            CliRun r = run("", args.toArray(String[]::new));
            assertThat(r.exitCode()).as(command).isZero();
            assertThat(r.out()).as(command).contains(names).contains("--help");
        });

        assertThat(run("", "--help").out()).contains("sessions");
        CliRun sessions = run("", "sessions");
        assertThat(sessions.exitCode()).isZero();
        assertThat(sessions.out()).contains("sessions revoke --user EMAIL", "sessions cleanup");
        assertThat(run("", "user").out()).contains("user create", "--admin", "user set-role --email EMAIL --role ROLE[,ROLE...]",
                "user unlock --email EMAIL");
        assertThat(run("", "secret").out()).contains("secret check [--config FILE]", "secret replace [--yes] [--config FILE]");
    }

    // ---------------------------------------------------------------- the server secret

    /** The class's configuration with a server secret of its own, and a port the system chooses. */
    private String configWithSecret(Path dir, String secret) throws Exception {
        Path file = Files.createTempFile(dir, "portcullis", ".yaml");
        Files.writeString(file, Files.readString(Path.of(config)) + "secret: \"" + secret + "\"\nserver.host: \"127.0.0.1\"\nserver.port: \"0\"\n");
        return file.toString();
    }

    /** A database as before any instance recorded a secret, with no enrolment (other tests of the class leave some). */
    private void forgetServerSecretAndEnrolments() throws Exception {
        try (Connection c = database.connect(); var s = c.createStatement()) {
            s.executeUpdate("DELETE FROM server_secret_check");
            s.executeUpdate("DELETE FROM two_factor");
        }
    }

    @Test
    void serveStartsOnlyWithTheRecordedServerSecretAndSecretReplaceRecordsAnother(@TempDir Path dir) throws Exception {
        forgetServerSecretAndEnrolments();
        String shared = "the-secret-the-instances-share-0123456789";
        String other = "another-secret-one-instance-was-given-42";
        String sharedConfig = configWithSecret(dir, shared);
        String otherConfig = configWithSecret(dir, other);

        assertThat(run("", "secret", "check", "--config", otherConfig).out()).as("nothing recorded yet, nor by the check")
                .startsWith("the database records no server secret yet");
        CliRun first = run("", "serve", "--exit-when-ready", "--config", sharedConfig);
        assertThat(first.exitCode()).as(first.err()).isZero();
        CliRun refused = run("", "serve", "--exit-when-ready", "--config", otherConfig);
        assertThat(refused.exitCode()).as(refused.out()).isEqualTo(1);
        assertThat(refused.err()).contains("server secret is not the one the database's two-factor data is written under",
                "portcullis secret replace").doesNotContain(shared, other);
        assertThat(refused.out()).as("it never listened").doesNotContain("self-check passed");
        assertThat(run("", "serve", "--exit-when-ready", "--config", sharedConfig).exitCode()).as("the recorded secret, again").isZero();

        assertThat(run("", "secret", "check", "--config", sharedConfig).out()).isEqualTo("the server secret is the one the database records\n");
        CliRun check = run("", "secret", "check", "--config", otherConfig);
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.err()).contains("server secret is not the one");

        // A user enrolled under the shared secret, which is then lost: the other one replaces it.
        User enrolled = newUser();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        TwoFactorStore enrolments = new TwoFactorStore(engine.database());
        String stored = new SecretCipher(shared.getBytes(StandardCharsets.UTF_8)).encrypt(enrolled.id(), new byte[20]);
        assertThat(enrolments.savePending(enrolled.id(), stored, "", now)).isTrue();
        assertThat(enrolments.markVerified(enrolled.id(), stored, now)).isTrue();

        CliRun asked = run("", "secret", "replace", "--config", otherConfig);
        assertThat(asked.exitCode()).as("without --yes").isEqualTo(1);
        assertThat(asked.out()).isEqualTo("the database does not record this configuration's server secret; recording it would leave"
                + " 1 two-factor enrolment(s) unreadable: " + enrolled.email() + "\n");
        assertThat(asked.err()).contains("nothing replaced: run again with --yes");
        assertThat(run("", "secret", "check", "--config", sharedConfig).exitCode()).as("still the shared one").isZero();

        CliRun replaced = run("", "secret", "replace", "--yes", "--config", otherConfig);
        assertThat(replaced.exitCode()).as(replaced.err()).isZero();
        assertThat(replaced.out()).isEqualTo("the database now records this configuration's server secret\n"
                + "1 two-factor enrolment(s) cannot be read under it; turn each off (the user can then enrol again;"
                + " one whose two-factor authentication was on is told by mail):\n"
                + "  portcullis user two-factor-off --email " + enrolled.email() + "\n");
        assertThat(auditEventsWithoutUser("server_secret_replaced")).singleElement()
                .satisfies(e -> assertThat(new ObjectMapper().readValue(e.detail(), Map.class))
                        .isEqualTo(Map.of("previousRecord", true, "unreadableEnrolments", 1)));

        assertThat(run("", "serve", "--exit-when-ready", "--config", otherConfig).exitCode()).isZero();
        assertThat(run("", "serve", "--exit-when-ready", "--config", sharedConfig).exitCode()).as("the lost secret").isEqualTo(1);
        assertThat(cli("user", "two-factor-off", "--email", enrolled.email()).exitCode()).isZero();
        assertThat(run("", "secret", "replace", "--yes", "--config", otherConfig).out())
                .isEqualTo("the database records this configuration's server secret already: nothing to replace\n");
        assertThat(auditEventsWithoutUser("server_secret_replaced")).as("no second event").hasSize(1);
    }

    @Test
    void secretCheckWithoutARecordNamesEveryEnrolmentItCannotReadNotOnlyTheNewest(@TempDir Path dir) throws Exception {
        forgetServerSecretAndEnrolments();
        String older = "the-secret-an-older-instance-had-0123456789";
        String newer = "the-secret-the-newer-instances-have-987654";
        TwoFactorStore enrolments = new TwoFactorStore(engine.database());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        User first = newUser();
        User second = newUser();
        assertThat(enrolments.savePending(first.id(), new SecretCipher(older.getBytes(StandardCharsets.UTF_8)).encrypt(first.id(), new byte[20]), "", now)).isTrue();
        assertThat(enrolments.savePending(second.id(), new SecretCipher(newer.getBytes(StandardCharsets.UTF_8)).encrypt(second.id(), new byte[20]), "",
                now.plusSeconds(1))).isTrue();

        CliRun check = run("", "secret", "check", "--config", configWithSecret(dir, newer));
        assertThat(check.exitCode()).as("the newest enrolment decrypts, an older one does not").isEqualTo(1);
        assertThat(check.err()).contains("1 enrolment(s) cannot be read under it: " + first.email());
        assertThat(run("", "secret", "check", "--config", configWithSecret(dir, older)).exitCode()).isEqualTo(1);
        try (Connection c = database.connect(); var s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM server_secret_check")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).as("recorded by neither check").isZero();
            s.executeUpdate("DELETE FROM two_factor");
        }
    }

    @Test
    void theSecretCommandsNeverGenerateASecretOfTheirOwn(@TempDir Path dir) throws Exception {
        // The class's configuration sets no secret: the generated one would be a file these commands must not create.
        Optional<Path> fallback = ServerSecret.generatedFile(PortcullisConfig.load(ConfigSources.of(database.settings())));
        assumeFalse(fallback.isPresent() && Files.exists(fallback.get()), "a generated secret made before (a developer's ./data), which the commands use as the server would");
        for (String[] command : List.of(new String[] {"secret", "check"}, new String[] {"secret", "replace", "--yes"})) {
            CliRun r = cli(command);
            assertThat(r.exitCode()).as(String.join(" ", command)).isEqualTo(2);
            assertThat(r.err()).contains(fallback.map(f -> "secret is not set and there is no generated secret at " + f)
                    .orElse("secret is not set and the database is in memory"));
            fallback.ifPresent(f -> assertThat(f).doesNotExist());
        }
    }
}
