package io.portcullis.servlet;

import io.portcullis.Portcullis;
import io.portcullis.config.ConfigSources;
import io.portcullis.config.PortcullisConfig;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;

/**
 * The filter declared by class name ({@code web.xml}, {@code @WebFilter}, {@code ServletContext#addFilter(String, Class)}):
 * init-param {@code config} names the Portcullis YAML file (else {@code PORTCULLIS_CONFIG}, the
 * {@code PORTCULLIS_*} environment and {@code -Dportcullis.*} properties apply, exactly as for the
 * server); {@code signInUrl}, {@code publicPaths} and {@code trustedOrigins} (comma-separated) are
 * the builder's options.
 */
final class InitParams {
    static final String CONFIG = "config";
    static final String SIGN_IN_URL = "signInUrl";
    static final String PUBLIC_PATHS = "publicPaths";
    static final String TRUSTED_ORIGINS = "trustedOrigins";

    private final Function<String, String> params;

    InitParams(Function<String, String> params) {
        this.params = params;
    }

    /**
     * Opens the database (migrations per {@code database.migrate}). The scheduled cleanup of expired rows
     * is left to the Portcullis server sharing the database: expired sessions are refused either way.
     */
    Portcullis startPortcullis() {
        String file = value(CONFIG);
        PortcullisConfig config = PortcullisConfig.load(ConfigSources.load(file == null ? null : Path.of(file), System.getenv(), System.getProperties()));
        return Portcullis.builder(config).backgroundJobs(false).start();
    }

    PortcullisFilter.Builder apply(PortcullisFilter.Builder builder) {
        if (value(SIGN_IN_URL) != null) builder.signInUrl(value(SIGN_IN_URL));
        if (value(PUBLIC_PATHS) != null) builder.publicPaths(list(PUBLIC_PATHS));
        if (value(TRUSTED_ORIGINS) != null) builder.trustedOrigins(list(TRUSTED_ORIGINS));
        return builder;
    }

    private String value(String name) {
        String v = params.apply(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private String[] list(String name) {
        return Arrays.stream(value(name).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }
}
