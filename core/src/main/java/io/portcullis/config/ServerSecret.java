package io.portcullis.config;

import io.portcullis.Ids;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server secret that keys what must survive restarts (the encryption of TOTP secrets, the
 * hashes of backup codes): {@code secret} when configured. Without it, for development, a random
 * one is generated once into the file {@code secret} in the data directory (the H2 file's directory,
 * else {@code ./data}) and read from there afterwards; with an in-memory H2 database, which is gone
 * at exit anyway, a random one is kept in memory only. Both fallbacks log a warning, never the value.
 */
public final class ServerSecret {
    static final String FILE_NAME = "secret";
    static final Path DEFAULT_DATA_DIRECTORY = Path.of("data");
    /** Base64url of 36 random bytes: 48 characters, 288 bits, above the configured minimum. */
    private static final int GENERATED_BYTES = 36;
    private static final Logger LOG = LoggerFactory.getLogger(ServerSecret.class);
    private static final AtomicBoolean EPHEMERAL_WARNED = new AtomicBoolean();

    private final byte[] bytes;

    private ServerSecret(String value) {
        this.bytes = value.getBytes(StandardCharsets.UTF_8);
    }

    /** The configured secret, or the generated one that stands in for it (see the class comment). */
    public static ServerSecret of(PortcullisConfig config) {
        return of(config.secret(), config.database().url(), DEFAULT_DATA_DIRECTORY);
    }

    static ServerSecret of(Secret configured, String databaseUrl, Path defaultDataDirectory) {
        if (configured != null) return new ServerSecret(configured.value());
        if (databaseUrl.startsWith("jdbc:h2:mem:")) {
            if (EPHEMERAL_WARNED.compareAndSet(false, true)) {
                LOG.warn("No secret is configured and the database is in memory: using a random secret that lives as long as the process. "
                        + "Set secret (at least {} characters) for anything else than a test.", PortcullisConfig.MIN_SECRET_LENGTH);
            }
            return new ServerSecret(Ids.randomBase64Url(GENERATED_BYTES));
        }
        Path file = dataDirectory(databaseUrl, defaultDataDirectory).resolve(FILE_NAME).toAbsolutePath().normalize();
        String value = readOrCreate(file);
        LOG.warn("No secret is configured: using the generated secret in {}. Set secret (at least {} characters) in production; "
                + "changing it later makes enrolled two-factor secrets unreadable.", file, PortcullisConfig.MIN_SECRET_LENGTH);
        return new ServerSecret(value);
    }

    /**
     * The secret {@link #of(PortcullisConfig)} would use, only when it exists already: the configured
     * one, or a generated file that is there. Empty when {@code of} would generate one, so that a tool
     * can refuse to act on a secret nobody else has.
     */
    public static Optional<ServerSecret> existing(PortcullisConfig config) {
        if (config.secret() != null) return Optional.of(new ServerSecret(config.secret().value()));
        Optional<Path> file = generatedFile(config);
        if (file.isEmpty()) return Optional.empty();
        try {
            return Optional.of(new ServerSecret(readExisting(file.get())));
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the generated server secret " + file.get() + ": " + e.getMessage(), e);
        }
    }

    /** Where the generated secret is (or would be) kept; empty with an in-memory database, or when {@code secret} is set. */
    public static Optional<Path> generatedFile(PortcullisConfig config) {
        String url = config.database().url();
        if (config.secret() != null || url.startsWith("jdbc:h2:mem:")) return Optional.empty();
        return Optional.of(dataDirectory(url, DEFAULT_DATA_DIRECTORY).resolve(FILE_NAME).toAbsolutePath().normalize());
    }

    /** The directory of an H2 database file, else the default data directory. */
    static Path dataDirectory(String databaseUrl, Path defaultDataDirectory) {
        return DatabaseConfig.h2File(databaseUrl).map(Path::getParent).orElse(defaultDataDirectory);
    }

    private static String readOrCreate(Path file) {
        try {
            Files.createDirectories(file.getParent());
            try {
                create(file);
                String value = Ids.randomBase64Url(GENERATED_BYTES);
                Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
                return value;
            } catch (FileAlreadyExistsException existing) {
                return readExisting(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the generated server secret " + file + ": " + e.getMessage(), e);
        }
    }

    /** The generated secret in {@code file}, which must exist and hold at least the configured minimum. */
    private static String readExisting(Path file) throws IOException {
        String value = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (value.length() < PortcullisConfig.MIN_SECRET_LENGTH) {
            throw new IllegalStateException(file + " holds fewer than " + PortcullisConfig.MIN_SECRET_LENGTH
                    + " characters: set secret, or delete the file to have a new one generated");
        }
        return value;
    }

    /** Creates the file empty, readable by its owner only where the file system has POSIX permissions. */
    private static void create(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
    }

    /** The secret's bytes (UTF-8 of its text), a fresh copy for each caller. */
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public String toString() {
        return "ServerSecret[****]";
    }
}
