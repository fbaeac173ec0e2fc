package io.portcullis.server.cli;

import static io.portcullis.server.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.config.ConfigSources;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.ServerSecret;
import io.portcullis.twofactor.SecretCipher;
import io.portcullis.twofactor.TwoFactorStore;
import io.portcullis.user.User;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server secret at the command line: {@code serve} starts only with the secret the database
 * records, {@code secret check} and {@code secret replace} say which enrolments another secret
 * cannot read, and neither generates a secret of its own.
 */
abstract class SecretCommandContract extends CommandLineTesting {
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
