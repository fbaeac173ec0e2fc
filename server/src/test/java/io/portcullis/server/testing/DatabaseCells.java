package io.portcullis.server.testing;

import io.portcullis.testing.TestDatabase;
import io.portcullis.user.User;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** Reads every cell of every table of the schema, to prove what the database does or does not hold. */
public final class DatabaseCells {
    private DatabaseCells() {}

    /**
     * {@code table.column} for each cell that is the user's id or contains their email. The opaque id
     * inside the detail of the removal's audit event is not a reference to a row of theirs.
     */
    public static List<String> referringTo(TestDatabase database, User user) throws Exception {
        return where(database, cell -> user.id().equals(cell) || cell.toLowerCase(Locale.ROOT).contains(user.email()));
    }

    /** {@code table.column} for each cell that contains one of the values (secrets that must not be stored). */
    public static List<String> containingAny(TestDatabase database, List<String> values) throws Exception {
        return where(database, cell -> values.stream().anyMatch(v -> v != null && cell.contains(v)));
    }

    private static List<String> where(TestDatabase database, Predicate<String> matches) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection c = database.connect()) {
            DatabaseMetaData meta = c.getMetaData();
            String quote = meta.getIdentifierQuoteString();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
                while (rs.next()) tables.add(rs.getString("TABLE_NAME"));
            }
            for (String table : tables) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + quote + table + quote)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            String cell = rs.getString(i);
                            if (cell != null && matches.test(cell)) found.add(table + "." + rs.getMetaData().getColumnName(i));
                        }
                    }
                }
            }
        }
        return found;
    }
}
