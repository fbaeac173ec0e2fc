package io.portcullis.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.portcullis.config.DatabaseConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.core.statement.TemplateEngine;

/**
 * The connection pool, Jdbi and migrations for one database. Every store reaches the database
 * through {@link #withHandle}/{@link #inTransaction}, which turn "cannot reach the database" into
 * {@code SERVICE_UNAVAILABLE} so that callers fail closed.
 */
public final class Database implements AutoCloseable {
    /** How long a request waits for a connection before answering 503: short, so clients hear fast. */
    static final long CONNECTION_TIMEOUT_MS = 1_000;
    static final long VALIDATION_TIMEOUT_MS = 500;

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    /** How deep this thread is in {@link #inTransaction} calls on this database. */
    private final ThreadLocal<int[]> transactionDepth = ThreadLocal.withInitial(() -> new int[1]);
    private final Dialect dialect;

    private Database(HikariDataSource dataSource, Dialect dialect, StatementListener listener) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.jdbi = Jdbi.create(dataSource);
        // SQL goes to the driver as written: the one placeholder, <user>, is resolved once per store (sql(...)),
        // so JDBI's template engine would only re-scan every statement on every execution.
        jdbi.setTemplateEngine(TemplateEngine.NOP);
        // Bound values would otherwise appear in exception messages, and they include token and password hashes.
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
        UtcTimestamps.install(jdbi);
        if (listener != null) jdbi.setSqlLogger(new ListenerSqlLogger(listener));
    }

    public static Database open(DatabaseConfig config, StatementListener listener) {
        Dialect dialect = Dialect.fromUrl(config.url());
        createH2Directory(config.url());
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("portcullis");
        hikari.setJdbcUrl(jdbcUrl(config.url()));
        if (config.username() != null) hikari.setUsername(config.username());
        if (config.password() != null) hikari.setPassword(config.password().value());
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        hikari.setValidationTimeout(VALIDATION_TIMEOUT_MS);
        // PostgreSQL's and H2's default, and MariaDB's too from here: at InnoDB's REPEATABLE READ, a write or a
        // locking read keeps a lock on every row it reads, and on the gaps between them, so one user's writes could block another's.
        hikari.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        // Start even when the database is down: requests get 503 until it answers, with no restart.
        hikari.setInitializationFailTimeout(-1);
        return new Database(new HikariDataSource(hikari), dialect, listener);
    }

    /** MariaDB's driver, the one bundled, accepts {@code jdbc:mysql:} URLs only when told to. */
    static String jdbcUrl(String url) {
        if (!url.startsWith("jdbc:mysql:") || url.contains("permitMysqlScheme")) return url;
        return url + (url.contains("?") ? "&" : "?") + "permitMysqlScheme";
    }

    private static void createH2Directory(String url) {
        Path parent = DatabaseConfig.h2File(url).map(Path::getParent).orElse(null);
        try {
            if (parent != null) Files.createDirectories(parent);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create the database directory " + parent + ": " + e.getMessage(), e);
        }
    }

    /** Applies pending migrations; returns how many ran. */
    public int migrate() {
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .locations(dialect.migrationLocation())
                .load()
                .migrate();
        return result.migrationsExecuted;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Resolves the {@code <user>} placeholder of a store's SQL for this database. */
    public String sql(String template) {
        return dialect.sql(template);
    }

    public <R> R withHandle(HandleCallback<R, RuntimeException> callback) {
        try {
            return jdbi.withHandle(callback);
        } catch (RuntimeException e) {
            throw DatabaseFailures.translate(e);
        }
    }

    public <R> R inTransaction(HandleCallback<R, RuntimeException> callback) {
        int[] depth = transactionDepth.get();
        depth[0]++;
        try {
            return jdbi.inTransaction(callback);
        } catch (RuntimeException e) {
            throw DatabaseFailures.translate(e);
        } finally {
            depth[0]--;
        }
    }

    /**
     * Whether this thread runs inside {@link #inTransaction}: the statements it runs now join that
     * transaction (Jdbi hands nested calls on a thread the same handle), and commit or roll back with it.
     */
    public boolean isInTransaction() {
        return transactionDepth.get()[0] > 0;
    }

    /** True when a connection can be had and answers within the validation timeout. */
    public boolean isReachable() {
        try (var connection = dataSource.getConnection()) {
            return connection.isValid((int) Math.max(1, VALIDATION_TIMEOUT_MS / 1000));
        } catch (SQLException e) {
            return false;
        }
    }

    /** The connection pool right now, for metrics: zeros before the pool has started. */
    public PoolState poolState() {
        var pool = dataSource.getHikariPoolMXBean();
        if (pool == null) return new PoolState(0, 0, 0, dataSource.getMaximumPoolSize());
        return new PoolState(pool.getActiveConnections(), pool.getIdleConnections(), pool.getThreadsAwaitingConnection(),
                dataSource.getMaximumPoolSize());
    }

    /** Connections in use, idle in the pool, requests waiting for one, and the pool's maximum size. */
    public record PoolState(int active, int idle, int waiting, int max) {}

    @Override
    public void close() {
        dataSource.close();
    }

    private record ListenerSqlLogger(StatementListener listener) implements SqlLogger {
        @Override
        public void logAfterExecution(StatementContext context) {
            listener.executed(context.getRenderedSql());
        }
    }
}
