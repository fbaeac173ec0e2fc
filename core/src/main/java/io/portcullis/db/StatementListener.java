package io.portcullis.db;

/**
 * Told of every SQL statement Portcullis runs, after it ran. For diagnostics and for tests that
 * count the statements of a request; the default is none, at no cost.
 */
@FunctionalInterface
public interface StatementListener {
    void executed(String sql);
}
