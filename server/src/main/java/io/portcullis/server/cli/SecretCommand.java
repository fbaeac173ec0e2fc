package io.portcullis.server.cli;

import io.portcullis.Portcullis;
import io.portcullis.audit.Actor;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.ServerSecret;
import io.portcullis.twofactor.ServerSecretCheck.Outcome;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "secret", mixinStandardHelpOptions = true, description = "Check or replace the server secret the database records.",
        subcommands = {SecretCommand.Check.class, SecretCommand.Replace.class})
final class SecretCommand implements Callable<Integer> {
    /** Without a sub-command: a usage error, as for any other. */
    @Override
    public Integer call() {
        System.err.println("usage: portcullis secret check [--config FILE]");
        System.err.println("       portcullis secret replace [--yes] [--config FILE]");
        return Main.EXIT_CONFIG;
    }

    /** Runs {@code task} on the engine when there is a secret to act on; otherwise says why not and exits with 2. */
    private static int withExistingSecret(ConfigOption config, ConfigOption.EngineTask task) {
        return config.withEngine(portcullis -> {
            String refusal = refusalWithoutSecret(portcullis.config());
            if (refusal == null) return task.run(portcullis);
            System.err.println(refusal);
            return Main.EXIT_CONFIG;
        });
    }

    /**
     * Neither command generates a secret: one that only this command would have, recorded, would stop
     * every real instance. Null when there is one to act on, else why not.
     */
    private static String refusalWithoutSecret(PortcullisConfig config) {
        if (ServerSecret.existing(config).isPresent()) return null;
        return ServerSecret.generatedFile(config)
                .map(file -> "portcullis: secret is not set and there is no generated secret at " + file
                        + ": set secret to the value the instances use (PORTCULLIS_SECRET, or secret in the configuration file)")
                .orElse("portcullis: secret is not set and the database is in memory: there is no secret to compare");
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Compare this configuration's server secret with the one the database's two-factor data is written under,"
                    + " recording nothing (pending migrations are applied first, as by every command, unless database.migrate is false):"
                    + " exit code 0 when it is the same (or none is recorded and every enrolment can be read under it), 1 when not.")
    static final class Check implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Override
        public Integer call() {
            return withExistingSecret(config, portcullis -> {
                Outcome outcome = portcullis.twoFactor().examineServerSecret();
                if (outcome == Outcome.MATCHES) {
                    System.out.println("the server secret is the one the database records");
                    return 0;
                }
                // No record (a database from before it): every enrolment must be readable, not only the newest.
                List<String> unreadable = portcullis.twoFactor().unreadableEnrolments();
                if (outcome == Outcome.NOT_RECORDED && unreadable.isEmpty()) {
                    System.out.println("the database records no server secret yet (the first instance to start records its own);"
                            + " every two-factor enrolment can be read under this one");
                    return 0;
                }
                System.err.println("portcullis: this configuration's server secret is not the one the database's two-factor data is written under"
                        + (unreadable.isEmpty() ? "" : " (" + unreadable.size() + " enrolment(s) cannot be read under it: " + String.join(", ", unreadable) + ")"));
                return 1;
            });
        }
    }

    @Command(name = "replace", mixinStandardHelpOptions = true,
            description = "After the server secret was lost: record this configuration's secret as the database's, in place of the old one,"
                    + " and list the users whose two-factor enrolment cannot be read under it. Without --yes, only says what it would do."
                    + " Stop every instance first: a running one keeps the secret it started with until its next two-factor write, which it refuses.")
    static final class Replace implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Option(names = "--yes", description = "record it (without: say what would change, and change nothing)")
        boolean yes;

        @Override
        public Integer call() {
            return withExistingSecret(config, portcullis -> {
                if (portcullis.twoFactor().examineServerSecret() == Outcome.MATCHES) {
                    System.out.println("the database records this configuration's server secret already: nothing to replace");
                    return 0;
                }
                if (!yes) {
                    List<String> unreadable = portcullis.twoFactor().unreadableEnrolments();
                    System.out.println("the database does not record this configuration's server secret; recording it would leave "
                            + unreadable.size() + " two-factor enrolment(s) unreadable" + (unreadable.isEmpty() ? "" : ": " + String.join(", ", unreadable)));
                    System.err.println("portcullis: nothing replaced: run again with --yes to record this configuration's secret");
                    return 1;
                }
                return replace(portcullis);
            });
        }

        private static int replace(Portcullis portcullis) {
            List<String> unreadable = portcullis.twoFactor().replaceServerSecret(Actor.COMMAND_LINE);
            System.out.println("the database now records this configuration's server secret");
            if (unreadable.isEmpty()) {
                System.out.println("every two-factor enrolment can be read under it");
            } else {
                System.out.println(unreadable.size() + " two-factor enrolment(s) cannot be read under it; turn each off"
                        + " (the user can then enrol again; one whose two-factor authentication was on is told by mail):");
                unreadable.forEach(email -> System.out.println("  portcullis user two-factor-off --email " + email));
            }
            return 0;
        }
    }
}
