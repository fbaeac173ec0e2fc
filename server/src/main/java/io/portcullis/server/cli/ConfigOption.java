package io.portcullis.server.cli;

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
}
