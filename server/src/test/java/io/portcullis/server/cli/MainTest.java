package io.portcullis.server.cli;

import static io.portcullis.server.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.Portcullis;
import io.portcullis.auth.SignedIn;
import io.portcullis.config.ConfigSources;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.session.ClientInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: exit codes, one line per configuration problem, masked output, user creation. */
class MainTest {
    @TempDir
    Path dir;

    private Path yaml(String text) throws Exception {
        Path file = Files.createTempFile(dir, "portcullis", ".yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void invalidValuesAndUnknownKeysExitWith2AndOneLineEach() throws Exception {
        Path file = yaml("""
                session:
                  idleTimeout: 30m
                  updateAge: 1h
                server:
                  port: 99999
                databse:
                  url: jdbc:h2:mem:x
                """);
        for (String command : new String[] {"serve", "config", "migrate"}) {
            String[] args = command.equals("config") ? new String[] {"config", "check", "--config", file.toString()} : new String[] {command, "--config", file.toString()};
            CliRun r = run("", args);
            assertThat(r.exitCode()).as(command).isEqualTo(2);
            assertThat(r.err().lines().toList()).as(command).containsExactlyInAnyOrder(
                    "server.port=99999 must be an integer from 0 to 65535",
                    "session.updateAge=1h must be at most session.idleTimeout/2 (15m)",
                    "databse.url is not a configuration key (in " + file + ") (did you mean database.url?)");
        }
        // no command at all means serve, with the same validation
        assertThat(run("", "--config", file.toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void theBareCommandServesWithTheSameValidationAndExitCodes() {
        // No arguments at all takes a path of its own (no picocli model): it must refuse like serve does.
        System.setProperty("portcullis.server.port", "99999");
        System.setProperty("portcullis.session.updateAge", "1h");
        try {
            CliRun r = run("");
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err().lines().toList()).containsExactlyInAnyOrder(
                    "server.port=99999 must be an integer from 0 to 65535",
                    "session.updateAge=1h must be at most session.idleTimeout/2 (15m)");
        } finally {
            System.clearProperty("portcullis.server.port");
            System.clearProperty("portcullis.session.updateAge");
        }
    }

    @Test
    void configCheckTriesTheOperatorsMailTemplates() throws Exception {
        Path templates = Files.createDirectories(dir.resolve("mail"));
        Files.writeString(templates.resolve("notice-account-locked.txt"), "Subject: locked\n\nuntil {{untill}}\n");
        Path file = yaml("mail:\n  templatesDir: \"" + templates + "\"\n");
        CliRun r = run("", "config", "check", "--config", file.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(templates.resolve("notice-account-locked.txt") + ": ", "untill", "(variables: appName, email, until)");

        Files.writeString(templates.resolve("notice-account-locked.txt"), "Subject: locked\n\nuntil {{until}}\n");
        assertThat(run("", "config", "check", "--config", file.toString()).exitCode()).isZero();
        Path absent = yaml("mail:\n  templatesDir: \"" + dir.resolve("absent") + "\"\n");
        assertThat(run("", "config", "check", "--config", absent.toString()).err())
                .contains("mail.templatesDir=" + dir.resolve("absent") + " must be an existing directory");
    }

    @Test
    void aCommandGroupWithoutItsSubCommandIsAUsageError() {
        Map<String, List<String>> usage = Map.of(
                "user", List.of("user create", "--admin", "user set-role --email EMAIL --role ROLE[,ROLE...]", "user unlock --email EMAIL",
                        "user two-factor-off --email EMAIL"),
                "sessions", List.of("sessions revoke --user EMAIL", "sessions cleanup"),
                "secret", List.of("secret check [--config FILE]", "secret replace [--yes] [--config FILE]"),
                "config", List.of("config check [--config FILE]"));
        usage.forEach((group, lines) -> {
            CliRun r = run("", group);
            assertThat(r.exitCode()).as(group).isEqualTo(2);
            assertThat(r.err()).as(group).startsWith("usage: portcullis " + group + " ").contains(lines);
            assertThat(r.out()).as(group).isEmpty();
        });
    }

    @Test
    void aMissingConfigFileExitsWith2() {
        CliRun r = run("", "config", "check", "--config", dir.resolve("absent.yaml").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("absent.yaml: no such file");
    }

    @Test
    void configCheckPrintsEffectiveValuesWithSecretsMasked() throws Exception {
        Path file = yaml("""
                secret: "a-very-long-secret-value-that-must-not-show"
                database:
                  url: "jdbc:h2:mem:check;PASSWORD=inline-secret"
                  password: "db-secret-value"
                session:
                  idleTimeout: 1h
                """);
        CliRun r = run("", "config", "check", "--config", file.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("session.idleTimeout = 1h", "secret = ****", "database.password = ****", "PASSWORD=****", "configuration is valid")
                .doesNotContain("a-very-long-secret", "db-secret-value", "inline-secret");
    }

    @Test
    void userCreateMakesAUserWhoCanSignIn() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db/portcullis").toAbsolutePath();
        Path file = yaml("database:\n  url: \"" + url + "\"\n");

        CliRun created = run("correct horse battery staple\n", "user", "create", "--config", file.toString(),
                "--email", "Grace@Example.com", "--name", "Grace", "--password-stdin");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).contains("<grace@example.com>").doesNotContain("correct horse");

        CliRun duplicate = run("correct horse battery staple\n", "user", "create", "--config", file.toString(),
                "--email", "grace@example.com", "--password-stdin");
        assertThat(duplicate.exitCode()).isEqualTo(1);
        assertThat(duplicate.err()).contains("USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL");

        CliRun weak = run("short\n", "user", "create", "--config", file.toString(), "--email", "ann@example.com", "--password-stdin");
        assertThat(weak.exitCode()).isEqualTo(1);
        assertThat(weak.err()).contains("PASSWORD_TOO_SHORT");

        CliRun badEmail = run("correct horse battery staple\n", "user", "create", "--config", file.toString(), "--email", "not-an-email", "--password-stdin");
        assertThat(badEmail.exitCode()).isEqualTo(1);
        assertThat(badEmail.err().trim()).isEqualTo("portcullis: VALIDATION_ERROR: Invalid email address");

        CliRun noPassword = run("", "user", "create", "--config", file.toString(), "--email", "bob@example.com", "--password-stdin");
        assertThat(noPassword.exitCode()).isEqualTo(1);
        assertThat(noPassword.err().lines()).containsExactly("portcullis: no password given (use --password-stdin or run in a terminal)");

        PortcullisConfig config = PortcullisConfig.load(ConfigSources.of(Map.of("database.url", url)));
        try (Portcullis p = Portcullis.builder(config).backgroundJobs(false).start()) {
            assertThat(((SignedIn) p.emailPassword().signIn("grace@example.com", "correct horse battery staple", true, ClientInfo.UNKNOWN, null)).user().name())
                    .isEqualTo("Grace");
        }
    }

    @Test
    void migrateAppliesMigrationsOnceAndHelpListsTheCommands() throws Exception {
        Path file = yaml("database:\n  url: \"jdbc:h2:file:" + dir.resolve("m/portcullis").toAbsolutePath() + "\"\n");
        CliRun first = run("", "migrate", "--config", file.toString());
        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).containsPattern("applied [1-9][0-9]* migration\\(s\\)");
        assertThat(run("", "migrate", "--config", file.toString()).out()).contains("database is up to date");

        CliRun help = run("", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("serve", "migrate", "user", "config");
    }

    @Test
    void serveExitWhenReadyAnswersItsOwnRequestsThenStopsAndFreesThePort() throws Exception {
        Path file = yaml("database:\n  url: \"jdbc:h2:file:" + dir.resolve("s/portcullis").toAbsolutePath() + "\"\n"
                + "server:\n  host: 127.0.0.1\n  port: 0\n");
        CliRun first = run("", "serve", "--exit-when-ready", "--config", file.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).containsPattern("Portcullis self-check passed: 4 requests answered on http://127\\.0\\.0\\.1:[1-9][0-9]*, stopping\\.");
        // Stopped: the database file is free again, so a second run on it starts and stops the same way.
        CliRun second = run("", "serve", "--exit-when-ready", "--config", file.toString());
        assertThat(second.exitCode()).as(second.err()).isZero();
    }

    @Test
    void serveDoesNotStartWithAGeneratedSecretFileItCannotUse() throws Exception {
        Path data = Files.createDirectories(dir.resolve("short"));
        Files.writeString(data.resolve("secret"), "too-short\n");
        Path file = yaml("database:\n  url: \"jdbc:h2:file:" + data.resolve("portcullis").toAbsolutePath() + "\"\n"
                + "server:\n  host: 127.0.0.1\n  port: 0\n");

        CliRun r = run("", "serve", "--exit-when-ready", "--config", file.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains(data.resolve("secret") + " holds fewer than 32 characters").doesNotContain("too-short");
        assertThat(r.out()).doesNotContain("self-check passed");
    }
}
