package io.portcullis.db;

/**
 * What differs between the supported databases: where their migrations live, how the {@code user}
 * table is quoted, and the statements that have no portable form. Store SQL is written once with a
 * {@code <user>} placeholder, resolved here once at start-up.
 */
public enum Dialect {
    H2("h2", "\"user\"",
            "DELETE FROM session WHERE id IN (SELECT id FROM session WHERE expires_at <= :now LIMIT :batch)"),
    POSTGRESQL("postgresql", "\"user\"",
            // SKIP LOCKED lets instances that clean up at the same moment take disjoint batches.
            "DELETE FROM session WHERE id IN (SELECT id FROM session WHERE expires_at <= :now LIMIT :batch FOR UPDATE SKIP LOCKED)"),
    MARIADB("mariadb", "`user`",
            "DELETE FROM session WHERE expires_at <= :now LIMIT :batch");

    private final String migrationFolder;
    private final String userTable;
    private final String deleteExpiredSessionsBatch;

    Dialect(String migrationFolder, String userTable, String deleteExpiredSessionsBatch) {
        this.migrationFolder = migrationFolder;
        this.userTable = userTable;
        this.deleteExpiredSessionsBatch = deleteExpiredSessionsBatch;
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

    public String deleteExpiredSessionsBatch() {
        return deleteExpiredSessionsBatch;
    }
}
