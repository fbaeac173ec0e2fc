package io.portcullis.db;

import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/**
 * Instants are stored as UTC wall-clock {@code TIMESTAMP(3)} / {@code DATETIME(3)} values. Binding a
 * {@link LocalDateTime} in UTC, instead of a {@link java.sql.Timestamp}, keeps the JVM's and the
 * database session's time zones out of the conversion on all three databases.
 */
final class UtcTimestamps {
    private UtcTimestamps() {}

    static void install(Jdbi jdbi) {
        jdbi.registerArgument(new AbstractArgumentFactory<Instant>(Types.TIMESTAMP) {
            @Override
            protected Argument build(Instant value, ConfigRegistry config) {
                LocalDateTime utc = LocalDateTime.ofInstant(value, ZoneOffset.UTC);
                return (position, statement, ctx) -> statement.setObject(position, utc);
            }
        });
        jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> {
            LocalDateTime utc = rs.getObject(column, LocalDateTime.class);
            return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
        });
    }
}
