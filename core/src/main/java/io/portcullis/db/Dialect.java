package io.portcullis.db;

/**
 * What differs between the supported databases: where their migrations live, how the {@code user}
 * table is quoted, and the statements that have no portable form. Store SQL is written once with a
 * {@code <user>} placeholder, resolved here once at start-up.
 *
 * <p>The rate-limit hit is one statement that inserts or updates the bucket's row and returns the
 * row as it now is ({@code count}, {@code window_start}). Both {@code CASE}/{@code IF} branches
 * test the row as it was: an ended window ({@code window_start <= :expiredBefore}) restarts at
 * {@code :now} with a count of {@code :count}, otherwise the count goes up by {@code :count}. The
 * row lock the statement takes makes parallel hits of one bucket count one after another.
 */
public enum Dialect {
    H2("h2", "\"user\"",
            // MERGE reports the row through a delta table. Two MERGEs that both find no row both insert,
            // and one fails on the primary key: RateLimitStore retries it, and the retry finds the row.
            """
            SELECT count, window_start FROM FINAL TABLE (
                MERGE INTO rate_limit r
                USING (VALUES (CAST(:bucket AS VARCHAR(255)), CAST(:now AS TIMESTAMP(3)))) AS v(bucket, now) ON r.bucket = v.bucket
                WHEN MATCHED THEN UPDATE SET
                    count = CASE WHEN r.window_start <= :expiredBefore THEN :count ELSE r.count + :count END,
                    window_start = CASE WHEN r.window_start <= :expiredBefore THEN v.now ELSE r.window_start END
                WHEN NOT MATCHED THEN INSERT (bucket, window_start, count) VALUES (v.bucket, v.now, :count))"""),
    POSTGRESQL("postgresql", "\"user\"",
            """
            INSERT INTO rate_limit AS r (bucket, window_start, count) VALUES (:bucket, :now, :count)
            ON CONFLICT (bucket) DO UPDATE SET
                count = CASE WHEN r.window_start <= :expiredBefore THEN EXCLUDED.count ELSE r.count + EXCLUDED.count END,
                window_start = CASE WHEN r.window_start <= :expiredBefore THEN EXCLUDED.window_start ELSE r.window_start END
            RETURNING count, window_start"""),
    MARIADB("mariadb", "`user`",
            // MariaDB (10.5+) returns the updated row from ON DUPLICATE KEY UPDATE ... RETURNING. It applies
            // the assignments left to right, so count must come first: its IF still sees the old window_start.
            """
            INSERT INTO rate_limit (bucket, window_start, count) VALUES (:bucket, :now, :count)
            ON DUPLICATE KEY UPDATE
                count = IF(window_start <= :expiredBefore, VALUES(count), count + VALUES(count)),
                window_start = IF(window_start <= :expiredBefore, :now, window_start)
            RETURNING count, window_start""");

    private final String migrationFolder;
    private final String userTable;
    private final String hitRateLimit;

    Dialect(String migrationFolder, String userTable, String hitRateLimit) {
        this.migrationFolder = migrationFolder;
        this.userTable = userTable;
        this.hitRateLimit = hitRateLimit;
    }

    public static Dialect fromUrl(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) return H2;
        if (jdbcUrl.startsWith("jdbc:postgresql:")) return POSTGRESQL;
        if (jdbcUrl.startsWith("jdbc:mariadb:") || jdbcUrl.startsWith("jdbc:mysql:")) return MARIADB;
        throw new IllegalArgumentException("unsupported JDBC URL (h2, postgresql, mariadb or mysql expected)");
    }

    public String migrationLocation() {
        return "classpath:db/migration/" + migrationFolder;
    }

    /** Replaces the {@code <user>} placeholder with this dialect's quoted table name. */
    public String sql(String template) {
        return template.replace("<user>", userTable);
    }

    /** Counts {@code :count} hits of {@code :bucket} at {@code :now}; returns {@code count, window_start} of the row after it. */
    public String hitRateLimit() {
        return hitRateLimit;
    }
}
