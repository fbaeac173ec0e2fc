package io.portcullis.db;

import io.portcullis.ErrorCode;
import io.portcullis.PortcullisException;

/**
 * A statement failed. Drivers quote the offending values in their messages (PostgreSQL's
 * "Key (token_hash)=(…) already exists", MariaDB's "Duplicate entry '…'"), and those values include
 * token and password hashes. So the driver's exception is not kept: only its SQLState, vendor code
 * and class, which say what went wrong without saying with what.
 */
public final class DatabaseException extends PortcullisException {
    private static final long serialVersionUID = 1L;

    private final String sqlState;

    DatabaseException(String sqlState, int vendorCode, String driverExceptionClass) {
        super(ErrorCode.INTERNAL_SERVER_ERROR,
                "SQL statement failed: SQLState " + sqlState + ", vendor code " + vendorCode + " (" + driverExceptionClass + ")");
        this.sqlState = sqlState;
    }

    /** The SQLState of the driver's exception, or null when it gave none. */
    public String sqlState() {
        return sqlState;
    }
}
