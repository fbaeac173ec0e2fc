package io.portcullis.config;

/** The JDBC database that holds users and sessions. */
public record DatabaseConfig(String url, String username, Secret password, int poolSize, boolean migrate) {
    public static final String DEFAULT_URL = "jdbc:h2:file:./data/portcullis";
    public static final int DEFAULT_POOL_SIZE = 10;
}
