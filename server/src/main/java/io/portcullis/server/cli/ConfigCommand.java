package io.portcullis.server.cli;

import io.portcullis.config.PortcullisConfig;
import io.portcullis.mail.MailTemplates;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "config", mixinStandardHelpOptions = true, description = "Inspect the configuration.",
        subcommands = ConfigCommand.Check.class)
final class ConfigCommand implements Callable<Integer> {
    /** Without a sub-command: a usage error, as for any other. */
    @Override
    public Integer call() {
        System.err.println("usage: portcullis config check [--config FILE]");
        return Main.EXIT_CONFIG;
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate the configuration and print the effective values, secrets masked. Exit 2 when invalid.")
    static final class Check implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Override
        public Integer call() {
            PortcullisConfig loaded = config.load();
            MailTemplates.load(loaded.mail().templatesDir());
            loaded.printable().forEach((key, value) -> System.out.println(key + " = " + value));
            System.out.println("configuration is valid");
            return 0;
        }
    }
}
