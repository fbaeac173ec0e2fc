package io.portcullis.server.cli;

import io.portcullis.audit.Actor;
import io.portcullis.user.User;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sessions", mixinStandardHelpOptions = true, description = "Manage sessions.",
        subcommands = {SessionsCommand.Revoke.class, SessionsCommand.Cleanup.class})
final class SessionsCommand implements Callable<Integer> {
    /** Without a sub-command: a usage error, as for any other. */
    @Override
    public Integer call() {
        System.err.println("usage: portcullis sessions revoke --user EMAIL [--config FILE]");
        System.err.println("       portcullis sessions cleanup [--config FILE]");
        return Main.EXIT_CONFIG;
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Sign a user out everywhere: delete all of their sessions, so every device is refused at its next request.")
    static final class Revoke implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Option(names = "--user", required = true, paramLabel = "EMAIL", description = "the email address of the user to sign out")
        String email;

        @Override
        public Integer call() {
            return config.withEngine(portcullis -> {
                User user = UserCommand.findByEmail(portcullis, email);
                if (user == null) return 1;
                int revoked = portcullis.admin().revokeUserSessions(Actor.COMMAND_LINE, user.id());
                System.out.println("revoked " + revoked + " session(s) of " + user.email());
                return 0;
            });
        }
    }

    // Expired sessions are refused at read time anyway; this only reclaims their rows, for
    // deployments that run the server with its scheduled cleanup off or want it done now.
    @Command(name = "cleanup", mixinStandardHelpOptions = true,
            description = "Delete the rows of expired sessions once, as the server's scheduled cleanup does.")
    static final class Cleanup implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Override
        public Integer call() {
            return config.withEngine(portcullis -> {
                int deleted = portcullis.cleanup().run();
                System.out.println("deleted " + deleted + " expired session(s)");
                return 0;
            });
        }
    }
}
