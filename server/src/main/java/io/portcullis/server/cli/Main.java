package io.portcullis.server.cli;

import io.portcullis.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar portcullis.jar [COMMAND]}: with no command, {@code serve}. */
@Command(name = "portcullis", mixinStandardHelpOptions = true, version = "Portcullis 0.1.0",
        description = "Authentication server with database-backed sessions.",
        subcommands = {ServeCommand.class, MigrateCommand.class, UserCommand.class, SessionsCommand.class, ConfigCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code for invalid configuration or usage. */
    static final int EXIT_CONFIG = 2;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException config) {
                config.problems().forEach(line -> commandLine.getErr().println(line));
                return EXIT_CONFIG;
            }
            commandLine.getErr().println("portcullis: " + e.getMessage());
            return 1;
        });
        // Usage errors (unknown option, missing parameter) share the configuration exit code.
        cli.setExitCodeExceptionMapper(e -> EXIT_CONFIG);
        // No sub-command: serve, with the given options.
        if (args.length == 0 || args[0].startsWith("--config")) {
            String[] serve = new String[args.length + 1];
            serve[0] = "serve";
            System.arraycopy(args, 0, serve, 1, args.length);
            return cli.execute(serve);
        }
        return cli.execute(args);
    }

    @Override
    public void run() {
        // Reached only through picocli's help; run(...) routes the bare command to serve.
    }
}
