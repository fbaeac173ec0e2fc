package io.portcullis.server.cli;

import static io.portcullis.server.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.Portcullis;
import io.portcullis.config.ConfigSources;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.session.ClientInfo;
import io.portcullis.session.SessionPrecondition;
import io.portcullis.testing.MutableClock;
import io.portcullis.testing.TestDatabase;
import io.portcullis.user.Roles;
import io.portcullis.user.User;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the command-line contracts share: a real database of each kind, a YAML configuration file
 * naming it, and a second engine on the test's clock that makes the users and sessions the
 * commands act on; helpers that read the rows the commands leave.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CommandLineTesting {
    static final String PASSWORD = "correct horse battery staple";

    TestDatabase database;
    Portcullis engine;
    final MutableClock clock = new MutableClock(Instant.now());
    String config;

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

    static String newEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    CliRun cli(String... args) {
        return cliWithInput("", args);
    }

    CliRun cliWithInput(String stdin, String... args) {
        String[] withConfig = new String[args.length + 2];
        System.arraycopy(args, 0, withConfig, 0, args.length);
        withConfig[args.length] = "--config";
        withConfig[args.length + 1] = config;
        return run(stdin, withConfig);
    }

    /** A user without a password, for commands that never need one to sign in (no Argon2id cost). */
    User newUser() {
        return engine.users().create(newEmail(), "", null, Roles.DEFAULT, false, null, clock.instant());
    }

    void newSessions(User user, int count) {
        for (int i = 0; i < count; i++) engine.sessions().create(user, true, ClientInfo.UNKNOWN, "password", SessionPrecondition.userActive());
    }

    String role(String email) throws Exception {
        return queryOne("SELECT role FROM " + userTable() + " WHERE email = ?", email);
    }

    String userTable() throws Exception {
        try (Connection c = database.connect()) {
            String quote = c.getMetaData().getIdentifierQuoteString();
            return quote + "user" + quote;
        }
    }

    long sessionCount(String userId) throws Exception {
        return Long.parseLong(queryOne("SELECT COUNT(*) FROM session WHERE user_id = ?", userId));
    }

    String queryOne(String sql, String parameter) throws Exception {
        try (Connection c = database.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as(sql).isTrue();
                return rs.getString(1);
            }
        }
    }

    record AuditRow(String actorId, String userAgent, String detail) {}

    List<AuditRow> auditEvents(String userId, String type) throws Exception {
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

    List<AuditRow> auditEventsWithoutUser(String type) throws Exception {
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
}
