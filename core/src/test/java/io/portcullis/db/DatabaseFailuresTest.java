package io.portcullis.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.ErrorCode;
import io.portcullis.PortcullisException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** How driver failures become what clients see: 503 for "try again", a value-free 500 otherwise. */
class DatabaseFailuresTest {
    private static RuntimeException wrapped(String sqlState) {
        return new IllegalStateException("statement failed", new SQLException("detail with 'a-secret-value'", sqlState, 1213));
    }

    @Test
    void aDeadlockOrSerializationFailureIsA503ToRetry() {
        for (String state : new String[] {"40001", "40P01", "HYT00"}) {
            RuntimeException translated = DatabaseFailures.translate(wrapped(state));
            assertThat(translated).isInstanceOfSatisfying(PortcullisException.class,
                    e -> assertThat(e.code()).as(state).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
        }
    }

    @Test
    void anyOtherStatementFailureKeepsOnlyItsSqlState() {
        RuntimeException translated = DatabaseFailures.translate(wrapped("22001"));
        assertThat(translated).isInstanceOfSatisfying(DatabaseException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_SERVER_ERROR);
            assertThat(e.sqlState()).isEqualTo("22001");
            assertThat(e.getMessage()).doesNotContain("a-secret-value");
            assertThat(e.getCause()).isNull();
        });
    }
}
