package io.portcullis.server.cli;

import io.portcullis.config.ConfigException;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar portcullis.jar [COMMAND]}: with no command, {@code serve}. */
@Command(name = "portcullis", mixinStandardHelpOptions = true, version = "Portcullis 0.1.0",
        description = "Authentication server with database-backed sessions.",
        subcommands = {ServeCommand.class, MigrateCommand.class, UserCommand.class, SessionsCommand.class, SecretCommand.class, ConfigCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code for invalid configuration or usage. */
    static final int EXIT_CONFIG = 2;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        // No arguments at all (the README's start command): serve with its defaults, without building picocli's
        // model of every command. That model cost about 0.2 s of a cold start: picocli's classes are too old a
        // class-file version for the class-data archive, and it reads the annotations of every command.
        if (args.length == 0) {
            try {
                return new ServeCommand(new ConfigOption()).call();
            } catch (Exception e) {
                return exitCode(e, System.err::println);
            }
        }
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> exitCode(e, commandLine.getErr()::println));
        // Usage errors (unknown option, missing parameter) share the configuration exit code.
        cli.setExitCodeExceptionMapper(e -> EXIT_CONFIG);
        // No sub-command: serve, with the given options.
        if (args[0].startsWith("--config")) {
            String[] serve = new String[args.length + 1];
            serve[0] = "serve";
            System.arraycopy(args, 0, serve, 1, args.length);
            return cli.execute(serve);
        }
        return cli.execute(args);
    }

    /** What a command that threw exits with: invalid configuration one line per problem and 2, anything else 1. */
    private static int exitCode(Exception e, Consumer<String> err) {
        if (e instanceof ConfigException config) {
            config.problems().forEach(err);
            return EXIT_CONFIG;
        }
        err.accept("portcullis: " + e.getMessage());
        return 1;
    }

    @Override
    public void run() {
        // Reached only through picocli's help; run(...) routes the bare command to serve.
    }
}
