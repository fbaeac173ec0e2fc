package io.portcullis.config;

/** Where the HTTP server listens. Port 0 picks a free port. */
public record ServerConfig(String host, int port) {
    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8080;
}
