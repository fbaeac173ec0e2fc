package io.portcullis.user;

import io.portcullis.db.Database;
import java.util.List;

/** Listing and searching users, for administrators. */
public final class UserSearch {
    private static final String SELECT_PAGE = """
            SELECT %s FROM <user> u
            WHERE %%s
            ORDER BY %%s, u.id
            LIMIT :limit OFFSET :offset""".formatted(UserRows.COLUMNS);
    private static final String COUNT = "SELECT COUNT(*) FROM <user> u WHERE %s";
    private static final String EVERYONE = "1 = 1";
    private static final String EMAIL_LIKE = "u.email LIKE :pattern ESCAPE '!'";
    private static final String NAME_LIKE = "LOWER(u.name) LIKE :pattern ESCAPE '!'";

    private final Database db;

    public UserSearch(Database db) {
        this.db = db;
    }

    public record Page(List<User> users, long total) {}

    public Page find(UserQuery q) {
        String where = q.searchValue() == null ? EVERYONE : q.searchField() == UserQuery.Field.NAME ? NAME_LIKE : EMAIL_LIKE;
        String order = q.sortBy().column + (q.descending() ? " DESC" : " ASC");
        String page = db.sql(SELECT_PAGE.formatted(where, order));
        String count = db.sql(COUNT.formatted(where));
        return db.inTransaction(h -> {
            var select = h.createQuery(page).bind("limit", q.limit()).bind("offset", q.offset());
            var total = h.createQuery(count);
            if (q.searchValue() != null) {
                select.bind("pattern", q.likePattern());
                total.bind("pattern", q.likePattern());
            }
            return new Page(select.map((rs, ctx) -> UserRows.read(rs)).list(), total.mapTo(Long.class).one());
        });
    }
}
