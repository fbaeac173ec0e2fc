package io.portcullis.server.cli;

import io.portcullis.Portcullis;
import io.portcullis.admin.AdminService;
import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditType;
import io.portcullis.user.EmailAddress;
import io.portcullis.user.Roles;
import io.portcullis.user.User;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage users.",
        subcommands = {UserCommand.Create.class, UserCommand.SetRole.class, UserCommand.Unlock.class, UserCommand.TwoFactorOff.class})
final class UserCommand implements Callable<Integer> {
    /** Without a sub-command: a usage error, as for any other. */
    @Override
    public Integer call() {
        System.err.println("usage: portcullis user create --email EMAIL [--name NAME] [--password-stdin] [--admin] [--config FILE]");
        System.err.println("       portcullis user set-role --email EMAIL --role ROLE[,ROLE...] [--config FILE]");
        System.err.println("       portcullis user unlock --email EMAIL [--config FILE]");
        System.err.println("       portcullis user two-factor-off --email EMAIL [--config FILE]");
        return Main.EXIT_CONFIG;
    }

    /** The user with this email, or null after telling the operator there is none. */
    static User findByEmail(Portcullis portcullis, String email) {
        String normalised = EmailAddress.normalise(email);
        Optional<User> user = portcullis.users().findByEmail(normalised);
        if (user.isEmpty()) System.err.println("portcullis: no user with email " + normalised);
        return user.orElse(null);
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a user with a password. The password is read from standard input (--password-stdin) or asked for; never given as an argument, so it stays out of shell history and process lists.")
    static final class Create implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Option(names = "--email", required = true, description = "the user's email address")
        String email;

        @Option(names = "--name", defaultValue = "", description = "display name (default: empty)")
        String name;

        @Option(names = "--password-stdin", description = "read the password from the first line of standard input")
        boolean passwordFromStdin;

        // Granting the admin role over HTTP takes an admin: this (or admin.emails) is how the first one is made.
        // The operator typed the address, so it counts as verified (which admin.emails requires).
        @Option(names = "--admin", description = "give the user the admin role instead of user")
        boolean admin;

        @Override
        public Integer call() throws IOException {
            String password = readPassword();
            if (password == null) return 1;
            return config.withEngine(portcullis -> {
                User user = portcullis.emailPassword().createUser(email, name, password, null, admin ? Roles.ADMIN : Roles.DEFAULT, true);
                portcullis.audit().record(AuditType.USER_CREATED, user.id(), Actor.COMMAND_LINE, Map.of("role", user.role()));
                System.out.println("created user " + user.id() + " <" + user.email() + ">");
                return 0;
            });
        }

        private String readPassword() throws IOException {
            Console console = System.console();
            if (!passwordFromStdin && console != null) {
                char[] first = console.readPassword("Password: ");
                char[] again = console.readPassword("Password again: ");
                if (first == null || again == null || !Arrays.equals(first, again)) {
                    System.err.println("portcullis: the passwords differ");
                    return null;
                }
                return new String(first);
            }
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                System.err.println("portcullis: no password given (use --password-stdin or run in a terminal)");
                return null;
            }
            return line;
        }
    }

    @Command(name = "set-role", mixinStandardHelpOptions = true,
            description = "Set the roles of a user. Any change ends all of that user's sessions, so no session keeps rights it no longer has.")
    static final class SetRole implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Option(names = "--email", required = true, description = "the user's email address")
        String email;

        @Option(names = "--role", required = true, split = ",", paramLabel = "ROLE",
                description = "the new roles, replacing the old ones (e.g. admin or user,support)")
        List<String> roles;

        @Override
        public Integer call() {
            return config.withEngine(portcullis -> {
                User user = findByEmail(portcullis, email);
                if (user == null) return 1;
                AdminService.RoleChange change = portcullis.admin().setRole(Actor.COMMAND_LINE, user.id(), roles);
                System.out.println("set role of " + user.email() + " to " + change.user().role());
                return 0;
            });
        }
    }

    @Command(name = "unlock", mixinStandardHelpOptions = true,
            description = "Lift the account lockout of a user (after too many failed sign-ins) and forget the failed attempts.")
    static final class Unlock implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Option(names = "--email", required = true, description = "the user's email address")
        String email;

        @Override
        public Integer call() {
            return config.withEngine(portcullis -> {
                User user = findByEmail(portcullis, email);
                if (user == null) return 1;
                boolean wasLocked = portcullis.admin().unlock(Actor.COMMAND_LINE, user.id());
                System.out.println(wasLocked ? "unlocked " + user.email() : user.email() + " was not locked; failed attempts forgotten");
                return 0;
            });
        }
    }

    @Command(name = "two-factor-off", mixinStandardHelpOptions = true,
            description = "Turn off two-factor authentication of a user who lost the authenticator app and the backup codes, and forget their trusted devices. The user is told by mail and can enrol again.")
    static final class TwoFactorOff implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Option(names = "--email", required = true, description = "the user's email address")
        String email;

        @Override
        public Integer call() {
            return config.withEngine(portcullis -> {
                User user = findByEmail(portcullis, email);
                if (user == null) return 1;
                boolean had = portcullis.twoFactor().turnOff(Actor.COMMAND_LINE, user);
                System.out.println(had ? "two-factor authentication turned off for " + user.email() : user.email() + " had no two-factor authentication");
                return 0;
            });
        }
    }
}
