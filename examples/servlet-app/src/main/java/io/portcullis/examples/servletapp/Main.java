package io.portcullis.examples.servletapp;

import io.portcullis.Portcullis;
import io.portcullis.config.ConfigException;
import io.portcullis.config.ConfigSources;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.servlet.PortcullisFilter;
import java.nio.file.Path;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the example application on {@code APP_PORT} (8081): it reads the same Portcullis
 * configuration as the server (file given as the first argument or by {@code PORTCULLIS_CONFIG},
 * {@code PORTCULLIS_*} variables, {@code -Dportcullis.*} properties), so it uses the same database and
 * the same session cookie. Users sign in on the Portcullis server; see the README next to this module.
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) throws Exception {
        PortcullisConfig config;
        try {
            config = PortcullisConfig.load(ConfigSources.load(args.length > 0 ? Path.of(args[0]) : null, System.getenv(), System.getProperties()));
        } catch (ConfigException e) {
            e.problems().forEach(problem -> System.err.println("invalid configuration: " + problem));
            System.exit(2);
            return;
        }
        int port = Integer.parseInt(System.getenv().getOrDefault("APP_PORT", "8081"));
        Portcullis portcullis = Portcullis.builder(config).backgroundJobs(false).start();
        PortcullisFilter filter = PortcullisFilter.builder(portcullis)
                .signInUrl(config.baseUrl() + "/sign-in")
                .publicPaths("/health")
                .trustedOrigins("http://localhost:" + port)
                .build();
        ServletApp app = ServletApp.start("127.0.0.1", port, new FilterHolder(filter));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                app.close();
            } catch (Exception e) {
                LOG.warn("stopping Jetty: {}", e.getMessage());
            }
            portcullis.close();
        }));
        LOG.info("Example app is ready: http://localhost:{}/hello (sign in at {}/sign-in)", app.port(), config.baseUrl());
        app.join();
    }
}
