package io.portcullis.db;

import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Deletes the rows a cleanup condition selects, a batch at a time, locking no other row.
 *
 * <p>InnoDB (MariaDB) locks every row a {@code DELETE} reads, matching or not (at READ COMMITTED only
 * until it has found that the row does not match), and its optimiser reads the whole table rather
 * than an index on the condition as soon as it expects many rows to match (a third of a small table
 * is enough). A {@code DELETE ... WHERE expires_at <= ?} then waits for any live row another
 * transaction holds, a sign-in's or a refresh's. Here the keys of a batch are found by a plain read, which locks nothing,
 * and each row is deleted by its primary key with the condition repeated, in case the row changed in
 * between (a session refreshed meanwhile is no longer expired). One transaction per batch.
 *
 * @param findKeys  selects the primary keys ({@code String}) of at most {@code :batch} matching rows
 * @param deleteOne deletes the row whose primary key is {@code :key}, if it still matches
 */
public record KeyedCleanup(String findKeys, String deleteOne) {

    /** What one batch did: keys found by the read, and rows the deletes removed (fewer if some changed). */
    public record Batch(int found, int deleted) {}

    /** Deletes at most {@code batchSize} matching rows; {@code params} bind the condition's parameters. */
    public Batch batch(Database db, Map<String, ?> params, int batchSize) {
        List<String> keys = db.withHandle(h -> h.createQuery(findKeys).bindMap(params).bind("batch", batchSize)
                .mapTo(String.class).list());
        if (keys.isEmpty()) return new Batch(0, 0);
        int[] counts = db.inTransaction(h -> {
            PreparedBatch delete = h.prepareBatch(deleteOne);
            // In key order, the order in which a user's rows are locked by the statements that delete them
            // all (through an index on user_id, whose entries are ordered by primary key within a user): two
            // transactions that lock in one order cannot deadlock.
            for (String key : keys.stream().sorted().toList()) delete.bindMap(params).bind("key", key).add();
            return delete.execute();
        });
        int deleted = 0;
        for (int count : counts) deleted += Math.max(count, 0);
        return new Batch(keys.size(), deleted);
    }

    /**
     * Deletes every matching row, batch by batch. A batch whose rows all changed or went meanwhile (another
     * instance cleaning up at once) ends the run: the next run goes on. @return how many rows were deleted
     */
    public int all(Database db, Map<String, ?> params, int batchSize) {
        int deleted = 0;
        Batch batch;
        do {
            batch = batch(db, params, batchSize);
            deleted += batch.deleted();
        } while (batch.found() == batchSize && batch.deleted() > 0);
        return deleted;
    }
}
