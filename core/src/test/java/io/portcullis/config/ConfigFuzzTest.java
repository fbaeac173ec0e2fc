package io.portcullis.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.testing.Generated;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated configurations: any mix of real keys, unknown keys and odd values, through the map, the
 * environment and a YAML file, either loads or is refused with {@link ConfigException} (one readable
 * line per problem). Nothing else may escape: an operator's typo must never become a stack trace.
 */
class ConfigFuzzTest {
    private static final List<String> KEYS = new ArrayList<>(PortcullisConfig.defaults().printable().keySet());
    private static final String[] ODD_VALUES = {"true", "false", "", " ", "0", "-1", "2147483648", "99999999999999999999", "1s", "0s",
        "10x", "P1D", "NaN", "jdbc:h2:mem:x", "jdbc:nope:", "http://", "https://a.example.com", "/", "//", "/a/", "*", "lax", "none",
        "log", "smtp", "json", "text", "evict-oldest", "reject", "/sign-in/*=1m/0", "=/", "\u0000", "é", "\uD83D\uDE00"};

    @TempDir
    Path dir;

    @Test
    void anyMapOfSettingsLoadsOrIsRefusedWithProblems() {
        Generated.tries(g -> assertLoadsOrRefused(() -> PortcullisConfig.load(ConfigSources.of(settings(g)))));
    }

    @Test
    void anyEnvironmentLoadsOrIsRefusedWithProblems() {
        Generated.tries(g -> {
            Map<String, String> env = new HashMap<>();
            settings(g).forEach((k, v) -> env.put(ConfigSources.environmentName(k), v));
            assertLoadsOrRefused(() -> PortcullisConfig.load(ConfigSources.load(null, env, new Properties())));
        });
    }

    @Test
    void anyYamlFileLoadsOrIsRefusedWithProblems() {
        Path file = dir.resolve("portcullis.yaml");
        Generated.tries(g -> {
            try {
                // As an editor would save it: UTF-8, a lone surrogate written as '?'.
                Files.write(file, yaml(g).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertLoadsOrRefused(() -> PortcullisConfig.load(ConfigSources.load(file, Map.of(), new Properties())));
        });
    }

    private static void assertLoadsOrRefused(Runnable load) {
        try {
            load.run();
        } catch (ConfigException e) {
            assertThat(e.problems()).isNotEmpty().allSatisfy(p -> assertThat(p).isNotBlank().doesNotContain("\tat ", "Exception"));
        }
    }

    private static Map<String, String> settings(Generated g) {
        Map<String, String> settings = new LinkedHashMap<>();
        int count = g.between(0, 8);
        for (int i = 0; i < count; i++) {
            String key = g.chance(80) ? g.pick(KEYS) : g.chance(50) ? g.pick(KEYS) + "x" : g.text(20);
            settings.put(key, value(g));
        }
        return settings;
    }

    private static String value(Generated g) {
        return switch (g.between(0, 3)) {
            case 0 -> g.text(40);
            case 1 -> g.text(12, "0123456789smhd-.,/=*:");
            case 2 -> g.pick(ODD_VALUES);
            default -> Integer.toString((int) g.anyLong());
        };
    }

    private static String yaml(Generated g) {
        if (g.chance(30)) return g.text(60, " :-[]{}#&*!|>'\"%@`\n\tabc123");
        List<String> lines = new ArrayList<>();
        int count = g.between(0, 5);
        for (int i = 0; i < count; i++) lines.add(g.pick(KEYS).replace(".", ":\n  ") + ": " + value(g));
        return String.join("\n", lines);
    }
}
