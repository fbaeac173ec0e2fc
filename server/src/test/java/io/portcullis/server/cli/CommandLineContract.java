package io.portcullis.server.cli;

import static io.portcullis.server.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.ErrorCode;
import io.portcullis.Ids;
import io.portcullis.PortcullisException;
import io.portcullis.Sha256;
import io.portcullis.audit.Actor;
import io.portcullis.session.ClientInfo;
import io.portcullis.twofactor.TrustedDeviceStore;
import io.portcullis.twofactor.TwoFactorStore;
import io.portcullis.user.Roles;
import io.portcullis.user.User;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The user and session commands, run in-process against a real database of each kind through a
 * YAML configuration file, judged by what they print and by the rows they leave.
 */
abstract class CommandLineContract extends CommandLineTesting {
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

        CliRun controlName = cliWithInput("Quibblesworth1999\n", "user", "create", "--email", email, "--name", "Bad\u0001Name", "--password-stdin");
        assertThat(controlName.exitCode()).as("a name the HTTP API refuses too").isEqualTo(1);
        assertThat(controlName.err()).startsWith("portcullis: VALIDATION_ERROR: Name must be at most 255 characters, without control characters");
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
    void everyCommandHasHelpNamingItsOptions() {
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
        // The groups' usage without a sub-command: MainTest.aCommandGroupWithoutItsSubCommandIsAUsageError.
    }
}
