package io.portcullis.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The YAML file as an operator writes it: values as typed, mistakes named without quoting secrets. */
class ConfigFileTest {
    private static final String SECRET = "hunter2-real-password-of-some-length";

    @TempDir
    Path dir;

    private PortcullisConfig load(String yaml) throws Exception {
        Path file = dir.resolve("portcullis.yaml");
        Files.writeString(file, yaml);
        return PortcullisConfig.load(ConfigSources.load(file, Map.of(), new Properties()));
    }

    private List<String> problemsOf(String yaml) {
        try {
            load(yaml);
        } catch (ConfigException e) {
            return e.problems();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("configuration was accepted: " + yaml);
    }

    @Test
    void unquotedValuesKeepTheTextAsWrittenNotWhatYamlWouldMakeOfNumbers() throws Exception {
        PortcullisConfig c = load("""
                appName: 0123
                secret: 01234567012345670123456701234567
                database:
                  url: jdbc:h2:mem:digits
                  username: 1_000
                twoFactor:
                  issuer: 1.50
                rateLimit:
                  enabled: false
                """);
        assertThat(c.appName()).isEqualTo("0123");
        assertThat(c.secret().value()).isEqualTo("01234567012345670123456701234567");
        assertThat(c.database().username()).isEqualTo("1_000");
        assertThat(c.twoFactor().issuer()).isEqualTo("1.50");
        assertThat(c.rateLimit().enabled()).isFalse();
    }

    @Test
    void aYamlSyntaxErrorNamesLineAndColumnButDoesNotQuoteTheLine() {
        // An unquoted password with ": " in it is a classic way to break a YAML file.
        for (String broken : List.of("database:\n  url: jdbc:h2:mem:x\n  password: Xk9: " + SECRET + "\n",
                "database:\n  password: \"" + SECRET + "\n")) {
            List<String> problems = problemsOf(broken);
            assertThat(problems).singleElement().asString()
                    .startsWith(dir.resolve("portcullis.yaml") + ": not valid YAML (")
                    .contains(" at line ")
                    .doesNotContain(SECRET).doesNotContain("Xk9");
        }
    }

    @Test
    void aSecretWrittenAsAListIsRefusedWithoutShowingIt() {
        assertThat(problemsOf("secret: [" + SECRET + "]\ndatabase:\n  url: [\"jdbc:postgresql://db/x?password=" + SECRET + "\"]\n"))
                .containsExactlyInAnyOrder("secret must be a single value, not a list", "database.url must be a single value, not a list");
    }

    @Test
    void aKeySetTwiceOrASecondDocumentIsRefusedNotSilentlyDropped() {
        assertThat(problemsOf("server:\n  port: 4210\nserver:\n  port: 4211\n"))
                .containsExactly("server: set twice in the file", "server.port: set twice in the file");
        assertThat(problemsOf("appName: One\nappName: Two\n")).containsExactly("appName: set twice in the file");
        assertThat(problemsOf("server:\n  port: 4210\n---\nserver:\n  port: 4211\n"))
                .containsExactly(dir.resolve("portcullis.yaml") + ": holds more than one YAML document (---); put every key in one");
        // As a generator may write it: an empty document first, the settings in the second.
        assertThat(problemsOf("---\n# generated\n---\nappName: Second\n"))
                .containsExactly(dir.resolve("portcullis.yaml") + ": holds more than one YAML document (---); put every key in one");
    }

    @Test
    void aYamlAliasIsRefusedNotReadAsItsAnchorsName() {
        assertThat(problemsOf("appName: &name Acme\ntwoFactor:\n  issuer: *name\ntrustedOrigins: [\"https://a.example.com\", *name]\n"))
                .containsExactlyInAnyOrder(
                        "twoFactor.issuer: YAML aliases (*name) are not supported; write the value itself",
                        "trustedOrigins: YAML aliases (*name) are not supported; write the value itself");
    }

    @Test
    void aDirectoryIsNotAConfigFile() {
        assertThatThrownBy(() -> ConfigSources.load(dir, Map.of(), new Properties()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .containsExactly("--config " + dir + ": is a directory, not a YAML file"));
    }

    @Test
    void aPortAboveTheLastOneIsRefusedInBaseUrlAndTrustedOrigins() {
        assertThat(problemsOf("baseUrl: http://localhost:99999\ntrustedOrigins: [\"https://app.example.com:70000\"]\n"))
                .containsExactlyInAnyOrder(
                        "baseUrl=http://localhost:99999 must be an absolute http:// or https:// URL without query, fragment or credentials",
                        "trustedOrigins=https://app.example.com:70000 must be an origin such as https://app.example.com or https://*.example.com (no path)");
    }

    @Test
    void anH2FileUnderTheHomeDirectoryIsWhereH2PutsIt() {
        Path home = Path.of(System.getProperty("user.home")).toAbsolutePath().normalize();
        assertThat(DatabaseConfig.h2File("jdbc:h2:file:~/sub/db;MODE=PostgreSQL")).contains(home.resolve("sub/db"));
        assertThat(DatabaseConfig.h2File("jdbc:h2:file:./data/portcullis")).contains(Path.of("data/portcullis").toAbsolutePath().normalize());
        assertThat(DatabaseConfig.h2File("jdbc:h2:~/sub/db")).contains(home.resolve("sub/db"));
        assertThat(DatabaseConfig.h2File("jdbc:h2:./data/other")).contains(Path.of("data/other").toAbsolutePath().normalize());
        assertThat(DatabaseConfig.h2File("jdbc:h2:/srv/auth/db")).contains(Path.of("/srv/auth/db"));
        assertThat(DatabaseConfig.h2File("jdbc:h2:tcp://db/x")).isEmpty();
        assertThat(DatabaseConfig.h2File("jdbc:h2:mem:x")).isEmpty();
        assertThat(DatabaseConfig.h2File("jdbc:postgresql://db/x")).isEmpty();
    }
}
