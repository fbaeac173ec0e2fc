package io.portcullis.user;

import io.portcullis.db.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The user columns under a prefix, so the session store can read a user in the same query as its
 * session ({@code u.id AS u_id, …}).
 */
public final class UserRows {
    /** Select list for the user table aliased {@code u}, every column prefixed {@code u_}. */
    public static final String COLUMNS = """
            u.id AS u_id, u.email AS u_email, u.name AS u_name, u.email_verified AS u_email_verified,
            u.image AS u_image, u.role AS u_role, u.banned AS u_banned, u.ban_reason AS u_ban_reason,
            u.ban_expires AS u_ban_expires, u.created_at AS u_created_at, u.updated_at AS u_updated_at,
            u.two_factor_enabled AS u_two_factor_enabled""";

    private UserRows() {}

    public static User read(ResultSet rs) throws SQLException {
        return new User(
                rs.getString("u_id"),
                rs.getString("u_email"),
                rs.getString("u_name"),
                rs.getBoolean("u_email_verified"),
                rs.getString("u_image"),
                rs.getString("u_role"),
                rs.getBoolean("u_banned"),
                rs.getString("u_ban_reason"),
                Rows.instant(rs, "u_ban_expires"),
                Rows.instant(rs, "u_created_at"),
                Rows.instant(rs, "u_updated_at"),
                rs.getBoolean("u_two_factor_enabled"));
    }
}
