package io.portcullis.server.cli;

import io.portcullis.audit.Actor;
import io.portcullis.twofactor.ServerSecretCheck;
import io.portcullis.twofactor.ServerSecretMismatchException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "secret", mixinStandardHelpOptions = true, description = "Check or replace the server secret the database records.",
        subcommands = {SecretCommand.Check.class, SecretCommand.Replace.class})
final class SecretCommand implements Runnable {
    @Override
    public void run() {
        System.out.println("usage: portcullis secret check [--config FILE]");
        System.out.println("       portcullis secret replace [--config FILE]");
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Compare this configuration's server secret with the one the database's two-factor data is written under"
                    + " (recorded by the first instance that needed it): exit code 0 when they are the same, 1 when not.")
    static final class Check implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Override
        public Integer call() {
            return config.withEngine(portcullis -> {
                try {
                    ServerSecretCheck.Outcome outcome = portcullis.twoFactor().checkServerSecret();
                    System.out.println(outcome == ServerSecretCheck.Outcome.RECORDED
                            ? "the database recorded no server secret yet: it records this configuration's from now on"
                            : "the server secret is the one the database records");
                    return 0;
                } catch (ServerSecretMismatchException e) {
                    System.err.println("portcullis: " + e.getMessage());
                    return 1;
                }
            });
        }
    }

    @Command(name = "replace", mixinStandardHelpOptions = true,
            description = "After the server secret was lost: record this configuration's secret as the database's, in place of the old one,"
                    + " and list the users whose two-factor enrolment cannot be read under it. Stop every instance first: a running"
                    + " one keeps the secret it started with.")
    static final class Replace implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Override
        public Integer call() {
            return config.withEngine(portcullis -> {
                List<String> unreadable = portcullis.twoFactor().replaceServerSecret(Actor.COMMAND_LINE);
                System.out.println("the database now records this configuration's server secret");
                if (unreadable.isEmpty()) {
                    System.out.println("every two-factor enrolment can be read under it");
                } else {
                    System.out.println(unreadable.size() + " two-factor enrolment(s) cannot be read under it; turn each off"
                            + " (the user is told by mail and can enrol again):");
                    unreadable.forEach(email -> System.out.println("  portcullis user two-factor-off --email " + email));
                }
                return 0;
            });
        }
    }
}
