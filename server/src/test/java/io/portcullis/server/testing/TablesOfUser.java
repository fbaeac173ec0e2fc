package io.portcullis.server.testing;

import io.portcullis.testing.TestDatabase;
import io.portcullis.user.User;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Finds every row, in every table of the schema, that names a user by id or email. */
public final class TablesOfUser {
    private TablesOfUser() {}

    /**
     * {@code table.column} for each cell that is the user's id or contains their email. The opaque id
     * inside the detail of the removal's audit event is not a reference to a row of theirs.
     */
    public static List<String> rowsReferring(TestDatabase database, User user) throws Exception {
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
                            String value = rs.getString(i);
                            if (user.id().equals(value) || (value != null && value.toLowerCase(java.util.Locale.ROOT).contains(user.email()))) {
                                found.add(table + "." + rs.getMetaData().getColumnName(i));
                            }
                        }
                    }
                }
            }
        }
        return found;
    }
}
