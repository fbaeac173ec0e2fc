package io.portcullis.bench;

import io.portcullis.Portcullis;
import io.portcullis.config.ConfigSources;
import io.portcullis.config.PortcullisConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * A started engine on H2 in memory or on the PostgreSQL database that bench/run.sh prepared, as an
 * embedding application would build it. Background jobs are off so that no cleanup runs inside a
 * measurement.
 */
final class BenchEngine {
    /** Not a {@code PORTCULLIS_*} name: the engine refuses unknown variables of its own prefix. */
    static final String POSTGRESQL_URL_VARIABLE = "BENCH_POSTGRESQL_URL";
    static final String DEFAULT_POSTGRESQL_URL = "jdbc:postgresql://127.0.0.1:5432/portcullis_jmh";

    private BenchEngine() {}

    static Portcullis start(String database) {
        Map<String, Object> values = new HashMap<>();
        switch (database) {
            case "h2" -> values.put("database.url", "jdbc:h2:mem:bench" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
            case "postgresql" -> {
                String url = System.getenv(POSTGRESQL_URL_VARIABLE);
                values.put("database.url", url == null || url.isBlank() ? DEFAULT_POSTGRESQL_URL : url);
                values.put("database.username", "postgres");
            }
            default -> throw new IllegalArgumentException("unknown database " + database);
        }
        return Portcullis.builder(PortcullisConfig.load(ConfigSources.of(values))).backgroundJobs(false).start();
    }
}
