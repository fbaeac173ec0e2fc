package io.portcullis.db;

import io.portcullis.ErrorCode;
import io.portcullis.PortcullisException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/** Sorts database failures into "the database cannot answer" (503, fail closed) and the rest. */
public final class DatabaseFailures {
    private DatabaseFailures() {}

    /** True when the failure means the database is unreachable, as opposed to a bad statement. */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException
                    || t instanceof IOException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 08: connection exception; 57P0x: PostgreSQL shutting down or not yet accepting; 90067: H2 connection broken
                if (state.startsWith("08") || state.startsWith("57P0") || state.equals("90067")) return true;
            }
            if (t.getCause() == t) break;
        }
        return false;
    }

    /**
     * True for a conflict the database resolved by failing one side: deadlock or serialization
     * failure (SQLState class 40), H2's lock timeout (HYT00). Trying again later succeeds.
     */
    static boolean isTransientConflict(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("40") || sql.getSQLState().equals("HYT00"))) {
                return true;
            }
        }
        return false;
    }

    /** True for a unique-constraint violation (SQLState class 23). */
    public static boolean isUniqueViolation(Throwable failure) {
        return failure instanceof DatabaseException db && db.sqlState() != null && db.sqlState().startsWith("23");
    }

    /**
     * Unreachable database, or a deadlock it broke: 503, with the cause kept (connection errors and
     * deadlock reports name hosts and tables, not values).
     * Failed statement: a {@link DatabaseException} without the driver's message, which may quote bound values.
     */
    static RuntimeException translate(RuntimeException failure) {
        if (failure instanceof PortcullisException) return failure;
        if (isUnavailable(failure) || isTransientConflict(failure)) {
            return new PortcullisException(ErrorCode.SERVICE_UNAVAILABLE, ErrorCode.SERVICE_UNAVAILABLE.defaultMessage(), failure);
        }
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql) return new DatabaseException(sql.getSQLState(), sql.getErrorCode(), sql.getClass().getName());
        }
        return failure;
    }

    /**
     * For the log of an outage: the innermost cause's class and message (connection errors name hosts,
     * never bound values), shared by every front end that answers 503.
     */
    public static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
