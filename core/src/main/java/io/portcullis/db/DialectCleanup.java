package io.portcullis.db;

import java.time.Instant;
import java.util.Map;

/**
 * A batch of a cleanup whose statement differs by database: one {@code DELETE} on H2 and PostgreSQL
 * (with {@code :batch} and the one time parameter), {@link KeyedCleanup} on MariaDB.
 *
 * @param h2         the H2 statement
 * @param postgresql the PostgreSQL statement
 * @param mariadb    MariaDB's steps
 * @param time       the name of the time parameter in all three
 */
public record DialectCleanup(String h2, String postgresql, KeyedCleanup mariadb, String time) {

    /** Deletes at most {@code batchSize} rows that match at {@code at}. */
    public KeyedCleanup.Batch batch(Database db, Instant at, int batchSize) {
        String single = switch (db.dialect()) {
            case H2 -> h2;
            case POSTGRESQL -> postgresql;
            case MARIADB -> null;
        };
        if (single == null) return mariadb.batch(db, Map.of(time, at), batchSize);
        int deleted = db.withHandle(h -> h.createUpdate(single).bind(time, at).bind("batch", batchSize).execute());
        return new KeyedCleanup.Batch(deleted, deleted);
    }
}
