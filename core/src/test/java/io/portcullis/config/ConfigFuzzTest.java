package io.portcullis.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated configurations: any mix of real keys, unknown keys and odd values, through the map, the
 * environment and a YAML file, either loads or is refused with {@link ConfigException} (one readable
 * line per problem). Nothing else may escape: an operator's typo must never become a stack trace.
 * Tries: {@code jqwik.tries.default} (src/test/resources/junit-platform.properties; more with -D).
 */
class ConfigFuzzTest {
    private static final List<String> KEYS = new ArrayList<>(PortcullisConfig.defaults().printable().keySet());

    @Property
    void anyMapOfSettingsLoadsOrIsRefusedWithProblems(@ForAll("settings") Map<String, String> settings) {
        assertLoadsOrRefused(() -> PortcullisConfig.load(ConfigSources.of(settings)));
    }

    @Property
    void anyEnvironmentLoadsOrIsRefusedWithProblems(@ForAll("settings") Map<String, String> settings) {
        Map<String, String> env = new java.util.HashMap<>();
        settings.forEach((k, v) -> env.put("PORTCULLIS_" + k.replaceAll("([a-z])([A-Z])", "$1_$2").replace('.', '_').toUpperCase(), v));
        assertLoadsOrRefused(() -> PortcullisConfig.load(ConfigSources.load(null, env, new Properties())));
    }

    @Property(tries = 300)
    void anyYamlFileLoadsOrIsRefusedWithProblems(@ForAll("yaml") String yaml) throws IOException {
        Path file = Files.createTempFile("portcullis-fuzz", ".yaml");
        try {
            Files.writeString(file, yaml);
            assertLoadsOrRefused(() -> PortcullisConfig.load(ConfigSources.load(file, Map.of(), new Properties())));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void assertLoadsOrRefused(Runnable load) {
        try {
            load.run();
        } catch (ConfigException e) {
            assertThat(e.problems()).isNotEmpty().allSatisfy(p -> assertThat(p).isNotBlank().doesNotContain("\tat ", "Exception"));
        }
    }

    @Provide
    Arbitrary<Map<String, String>> settings() {
        Arbitrary<String> key = Arbitraries.oneOf(Arbitraries.of(KEYS), Arbitraries.of(KEYS).map(k -> k + "x"),
                Arbitraries.strings().ofMaxLength(20));
        return Arbitraries.maps(key, values()).ofMaxSize(8);
    }

    private static Arbitrary<String> values() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withChars("0123456789smhd-.,/=*:").ofMaxLength(12),
                Arbitraries.of("true", "false", "", " ", "0", "-1", "2147483648", "99999999999999999999", "1s", "0s", "10x", "P1D",
                        "NaN", "jdbc:h2:mem:x", "jdbc:nope:", "http://", "https://a.example.com", "/", "//", "/a/", "*", "lax", "none",
                        "log", "smtp", "json", "text", "evict-oldest", "reject", "/sign-in/*=1m/0", "=/", "\u0000", "é", "\uD83D\uDE00"),
                Arbitraries.integers().map(String::valueOf));
    }

    @Provide
    Arbitrary<String> yaml() {
        Arbitrary<String> line = Combinators.combine(Arbitraries.of(KEYS).map(k -> k.replace(".", ":\n  ")), values())
                .as((k, v) -> k + ": " + v);
        Arbitrary<String> noise = Arbitraries.strings().withChars(" :-[]{}#&*!|>'\"%@`\n\tabc123").ofMaxLength(60);
        return Arbitraries.oneOf(line.list().ofMaxSize(5).map(l -> String.join("\n", l)), noise);
    }
}
