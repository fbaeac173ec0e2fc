package io.portcullis.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class ServerSecretTest {
    private static final String CONFIGURED = "a-configured-secret-of-at-least-32-chars";

    @TempDir
    Path dir;

    private final Logger logger = (Logger) LoggerFactory.getLogger(ServerSecret.class);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(log);
    }

    @Test
    void aConfiguredSecretIsUsedAsItsUtf8BytesAndNoFileIsWritten() throws Exception {
        ServerSecret secret = ServerSecret.of(new Secret(CONFIGURED), "jdbc:h2:file:" + dir.resolve("db/portcullis"), dir);

        assertThat(secret.bytes()).isEqualTo(CONFIGURED.getBytes(StandardCharsets.UTF_8));
        try (var files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
        assertThat(log.list).isEmpty();
    }

    @Test
    void anExistingSecretIsTheConfiguredOneOrAGeneratedFileThatIsThereAndNeverAFileItCreates() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db/portcullis");
        PortcullisConfig withoutSecret = PortcullisConfig.load(ConfigSources.of(Map.of("database.url", url)));
        Path file = dir.resolve("db/secret");
        assertThat(ServerSecret.generatedFile(withoutSecret)).contains(file.toAbsolutePath().normalize());

        assertThat(ServerSecret.existing(withoutSecret)).isEmpty();
        assertThat(file).doesNotExist();

        Files.createDirectories(file.getParent());
        Files.writeString(file, CONFIGURED + "\n");
        assertThat(ServerSecret.existing(withoutSecret)).hasValueSatisfying(s -> assertThat(s.bytes()).isEqualTo(CONFIGURED.getBytes(StandardCharsets.UTF_8)));
        assertThat(log.list).as("reading it is not using it: no warning").isEmpty();

        PortcullisConfig configured = PortcullisConfig.load(ConfigSources.of(Map.of("database.url", url, "secret", "x".repeat(40))));
        assertThat(ServerSecret.generatedFile(configured)).isEmpty();
        assertThat(ServerSecret.existing(configured)).hasValueSatisfying(s -> assertThat(s.bytes()).isEqualTo("x".repeat(40).getBytes(StandardCharsets.UTF_8)));
        PortcullisConfig inMemory = PortcullisConfig.load(ConfigSources.of(Map.of("database.url", "jdbc:h2:mem:existing")));
        assertThat(ServerSecret.generatedFile(inMemory)).isEmpty();
        assertThat(ServerSecret.existing(inMemory)).isEmpty();
    }

    @Test
    void withoutOneASecretIsGeneratedBesideTheH2FileOwnerReadableOnlyAndKeptAcrossStarts() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db/portcullis") + ";MODE=Regular";

        ServerSecret first = ServerSecret.of(null, url, dir.resolve("unused"));
        ServerSecret second = ServerSecret.of(null, url, dir.resolve("unused"));

        Path file = dir.resolve("db/secret");
        String value = Files.readString(file).strip();
        assertThat(value).hasSizeGreaterThanOrEqualTo(PortcullisConfig.MIN_SECRET_LENGTH).matches("[A-Za-z0-9_-]+");
        assertThat(first.bytes()).isEqualTo(value.getBytes(StandardCharsets.UTF_8)).isEqualTo(second.bytes());
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        assertThat(Files.exists(dir.resolve("unused"))).isFalse();
        List<String> warnings = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(warnings).hasSize(2).allSatisfy(w -> assertThat(w).contains(file.toAbsolutePath().toString()).doesNotContain(value));
    }

    @Test
    void otherDatabasesKeepItInTheDefaultDataDirectory() throws Exception {
        Path data = dir.resolve("data");
        ServerSecret secret = ServerSecret.of(null, "jdbc:postgresql://127.0.0.1:5432/portcullis", data);

        assertThat(secret.bytes()).isEqualTo(Files.readString(data.resolve("secret")).strip().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theGeneratedFileCanBeReplacedByHandAndATooShortOneStopsTheStart() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve("secret"), "  " + CONFIGURED + "\n");
        assertThat(ServerSecret.of(null, "jdbc:mariadb://db/portcullis", data).bytes()).isEqualTo(CONFIGURED.getBytes(StandardCharsets.UTF_8));

        Files.writeString(data.resolve("secret"), "short-and-secret");
        assertThatThrownBy(() -> ServerSecret.of(null, "jdbc:mariadb://db/portcullis", data))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(data.resolve("secret").toAbsolutePath().toString())
                .hasMessageContaining("fewer than 32 characters")
                .hasMessageNotContaining("short-and-secret");
    }

    @Test
    void anInMemoryDatabaseGetsAFreshSecretEachTimeAndNoFile() throws Exception {
        byte[] a = ServerSecret.of(null, "jdbc:h2:mem:one;DB_CLOSE_DELAY=-1", dir).bytes();
        byte[] b = ServerSecret.of(null, "jdbc:h2:mem:two", dir).bytes();

        assertThat(a).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(b);
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
        assertThat(log.list).hasSizeLessThanOrEqualTo(1); // once per process, and an earlier test may have had it
    }

    @Test
    void theDataDirectoryIsTheH2FilesDirectory() {
        Path fallback = Path.of("data");
        assertThat(ServerSecret.dataDirectory("jdbc:h2:file:./data/portcullis", fallback)).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(ServerSecret.dataDirectory("jdbc:h2:file:/var/lib/portcullis/db;AUTO_SERVER=TRUE", fallback)).isEqualTo(Path.of("/var/lib/portcullis"));
        assertThat(ServerSecret.dataDirectory("jdbc:h2:file:~/pc/db", fallback)).isEqualTo(Path.of(System.getProperty("user.home"), "pc"));
        assertThat(ServerSecret.dataDirectory("jdbc:postgresql://db/portcullis", fallback)).isSameAs(fallback);
    }

    @Test
    void neitherItsTextNorItsBytesShowTheValue() {
        ServerSecret secret = ServerSecret.of(new Secret(CONFIGURED), "jdbc:h2:mem:x", dir);
        assertThat(secret.toString()).isEqualTo("ServerSecret[****]");
        secret.bytes()[0] = 'X';
        assertThat(secret.bytes()[0]).as("callers get copies").isEqualTo((byte) 'a');
    }
}
