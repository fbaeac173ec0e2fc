package io.portcullis.config;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/** The JDBC database that holds users and sessions. */
public record DatabaseConfig(String url, String username, Secret password, int poolSize, boolean migrate) {
    public static final String DEFAULT_URL = "jdbc:h2:file:./data/portcullis";
    public static final int DEFAULT_POOL_SIZE = 10;
    private static final String H2 = "jdbc:h2:";
    private static final String H2_FILE = "jdbc:h2:file:";
    /** What H2 reads as a file path without "file:". */
    private static final Pattern IMPLICIT_FILE = Pattern.compile("~|\\.{1,2}/|/");

    /**
     * The database file of an embedded H2 URL, absolute, as H2 reads it: {@code jdbc:h2:file:…}, or a path
     * straight after {@code jdbc:h2:} ({@code ~/…}, {@code ./…}, {@code /…}); a leading {@code ~} is the
     * user's home directory. Empty for any other URL (in memory, over TCP, another database).
     *
     * @throws java.nio.file.InvalidPathException when this system cannot name that path
     */
    public static Optional<Path> h2File(String url) {
        String rest;
        if (url.startsWith(H2_FILE)) rest = url.substring(H2_FILE.length());
        else if (url.startsWith(H2) && IMPLICIT_FILE.matcher(url.substring(H2.length())).lookingAt()) rest = url.substring(H2.length());
        else return Optional.empty();
        String path = rest.split(";", 2)[0];
        if (path.startsWith("~")) path = System.getProperty("user.home") + path.substring(1);
        return Optional.of(Path.of(path).toAbsolutePath().normalize());
    }
}
