package io.portcullis.db;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Deletes the rows a cleanup condition selects, a batch at a time, without holding a lock on any other
 * row and without ever waiting for a lock.
 *
 * <p>InnoDB (MariaDB) locks every row a {@code DELETE} reads, matching or not (at READ COMMITTED only
 * until it has found that the row does not match), and its optimiser reads the whole table rather
 * than an index on the condition as soon as it expects many rows to match (a third of a small table
 * is enough). A {@code DELETE ... WHERE expires_at <= ?} then waits for any live row another
 * transaction holds, a sign-in's or a refresh's. Here a batch is found by a plain read, which locks
 * nothing; then, in one transaction, the rows found are locked with the condition repeated (a
 * session refreshed meanwhile no longer matches) and {@code SKIP LOCKED}, and those deleted one by one
 * by primary key. A row that a request holds is left for the next run, so the cleanup never waits, and a
 * transaction that deletes a user's rows (a password change) can never deadlock with it, whatever
 * order each locks them in. {@code SKIP LOCKED} needs MariaDB 10.6 or newer.
 *
 * @param table     the table
 * @param key       its primary key, a string column
 * @param condition the rows to delete, with named parameters
 */
public record KeyedCleanup(String table, String key, String condition) {
    /** Keys per {@code IN} list: MariaDB turns lists of 1000 values or more into a join with a derived table. */
    private static final int KEYS_PER_STATEMENT = 500;

    /** What one batch did: rows the read found, and rows deleted (fewer when some changed or were in use). */
    public record Batch(int found, int deleted) {}

    /** Deletes at most {@code batchSize} matching rows; {@code params} bind the condition's parameters. */
    public Batch batch(Database db, Map<String, ?> params, int batchSize) {
        List<String> keys = db.withHandle(h -> h.createQuery("SELECT " + key + " FROM " + table + " WHERE " + condition + " LIMIT :batch")
                .bindMap(params).bind("batch", batchSize).mapTo(String.class).list());
        if (keys.isEmpty()) return new Batch(0, 0);
        int deleted = db.inTransaction(h -> {
            int count = 0;
            for (int from = 0; from < keys.size(); from += KEYS_PER_STATEMENT) {
                List<String> chunk = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_STATEMENT));
                List<String> free = bindKeys(h.createQuery("SELECT " + key + " FROM " + table + " WHERE " + key + " IN (" + placeholders(chunk)
                        + ") AND (" + condition + ") FOR UPDATE SKIP LOCKED").bindMap(params), chunk).mapTo(String.class).list();
                // One by one by primary key, which no optimiser answers with a scan: a DELETE ... IN (...) may
                // read (and wait for) every row of a small table on MariaDB.
                if (free.isEmpty()) continue;
                PreparedBatch delete = h.prepareBatch("DELETE FROM " + table + " WHERE " + key + " = :key");
                for (String k : free) delete.bind("key", k).add();
                for (int n : delete.execute()) count += Math.max(n, 0);
            }
            return count;
        });
        return new Batch(keys.size(), deleted);
    }

    /** Deletes every matching row, batch by batch, as {@link #untilDone} runs them. @return how many rows were deleted */
    public int all(Database db, Map<String, ?> params, int batchSize) {
        return untilDone(() -> batch(db, params, batchSize), batchSize);
    }

    /**
     * Runs batches until one finds fewer rows than a batch holds. A batch that deletes nothing (its rows
     * changed, went, or are in use) ends the run too: the next run goes on. @return how many rows were deleted
     */
    public static int untilDone(Supplier<Batch> nextBatch, int batchSize) {
        int deleted = 0;
        Batch batch;
        do {
            batch = nextBatch.get();
            deleted += batch.deleted();
        } while (batch.found() >= batchSize && batch.deleted() > 0);
        return deleted;
    }

    private static String placeholders(List<String> keys) {
        return IntStream.range(0, keys.size()).mapToObj(i -> ":k" + i).collect(Collectors.joining(", "));
    }

    private static <S extends SqlStatement<S>> S bindKeys(S statement, List<String> keys) {
        for (int i = 0; i < keys.size(); i++) statement.bind("k" + i, keys.get(i));
        return statement;
    }
}
