package io.portcullis.server.cli;

import io.portcullis.Portcullis;
import io.portcullis.PortcullisException;
import io.portcullis.config.ConfigSources;
import io.portcullis.config.PortcullisConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config FILE}, shared by every command; then environment and system properties on top. */
final class ConfigOption {
    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file (default: $PORTCULLIS_CONFIG, else built-in defaults)")
    Path file;

    PortcullisConfig load() {
        return PortcullisConfig.load(ConfigSources.load(file, System.getenv(), System.getProperties()));
    }

    /** What a command does with the engine; returns the exit code. */
    @FunctionalInterface
    interface EngineTask {
        int run(Portcullis portcullis);
    }

    /**
     * Opens the engine on the configured database (running pending migrations, without background
     * jobs), runs the task and closes it. A refusal ({@code PortcullisException}) is one line on
     * standard error and exit code 1.
     */
    int withEngine(EngineTask task) {
        try (Portcullis portcullis = Portcullis.builder(load()).backgroundJobs(false).start()) {
            return task.run(portcullis);
        } catch (PortcullisException e) {
            System.err.println("portcullis: " + e.code() + ": " + e.getMessage());
            return 1;
        }
    }
}
