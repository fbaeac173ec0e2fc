package io.portcullis.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.db.Database;
import io.portcullis.db.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** The {@code audit_event} table. {@code detail} is stored as a small JSON object. */
public final class AuditStore {
    private static final String INSERT = """
            INSERT INTO audit_event (at, type, user_id, actor_id, session_id, ip_address, user_agent, detail)
            VALUES (:at, :type, :userId, :actorId, :sessionId, :ipAddress, :userAgent, :detail)""";

    /** Newest first. The WHERE clause is made of the fixed filters below, those the query uses. */
    private static final String SELECT = """
            SELECT id, at, type, user_id, actor_id, session_id, ip_address, user_agent, detail
            FROM audit_event
            WHERE %s
            ORDER BY id DESC
            LIMIT :limit""";
    private static final String BY_USER = "user_id = :userId";
    private static final String BY_TYPE = "type = :type";
    private static final String BEFORE_AT = "at < :beforeAt";
    private static final String BEFORE_ID = "id < :beforeId";

    static final int DETAIL_MAX = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final Database db;

    public AuditStore(Database db) {
        this.db = db;
    }

    public void insert(AuditEvent e) {
        db.withHandle(h -> insert(h, e));
    }

    /** Whether an insert now would join a transaction the caller has open. */
    boolean inCallersTransaction() {
        return db.isInTransaction();
    }

    /**
     * Inserts {@code e} in the caller's transaction, or in one of its own when there is none;
     * {@code afterCommit} runs once that transaction has committed, and never if it is rolled back.
     */
    public void insert(AuditEvent e, Runnable afterCommit) {
        db.inTransaction(h -> {
            insert(h, e);
            // A nested call shares the outer transaction's handle, so this waits for the outermost commit.
            h.afterCommit(afterCommit);
            return null;
        });
    }

    private int insert(Handle h, AuditEvent e) {
        return h.createUpdate(INSERT)
                .bind("at", e.at()).bind("type", e.type().wireName()).bind("userId", e.userId())
                .bind("actorId", e.actorId()).bind("sessionId", e.sessionId()).bind("ipAddress", e.ipAddress())
                .bind("userAgent", e.userAgent()).bind("detail", detailJson(e.detail()))
                .execute();
    }

    public List<AuditEvent> list(AuditQuery q) {
        List<String> where = new ArrayList<>();
        if (q.userId() != null) where.add(BY_USER);
        if (q.type() != null) where.add(BY_TYPE);
        if (q.beforeAt() != null) where.add(BEFORE_AT);
        if (q.beforeId() != null) where.add(BEFORE_ID);
        String sql = SELECT.formatted(where.isEmpty() ? "1 = 1" : String.join(" AND ", where));
        return db.withHandle(h -> {
            var query = h.createQuery(sql).bind("limit", q.limit());
            if (q.userId() != null) query.bind("userId", q.userId());
            if (q.type() != null) query.bind("type", q.type().wireName());
            if (q.beforeAt() != null) query.bind("beforeAt", q.beforeAt());
            if (q.beforeId() != null) query.bind("beforeId", q.beforeId().longValue());
            return query.map((rs, ctx) -> read(rs)).list();
        });
    }

    static String detailJson(Map<String, Object> detail) {
        try {
            String json = JSON.writeValueAsString(detail);
            // A detail is a few short fields; anything longer is cut rather than refused, as the event must be kept.
            return json.length() <= DETAIL_MAX ? json : JSON.writeValueAsString(Map.of("truncated", true));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit detail must be plain JSON values", e);
        }
    }

    private static AuditEvent read(ResultSet rs) throws SQLException {
        Map<String, Object> detail;
        try {
            String text = rs.getString("detail");
            detail = text == null ? Map.of() : JSON.readValue(text, MAP);
        } catch (JsonProcessingException e) {
            detail = Map.of();
        }
        return new AuditEvent(rs.getLong("id"), Rows.instant(rs, "at"), AuditType.fromWireName(rs.getString("type")),
                rs.getString("user_id"), rs.getString("actor_id"), rs.getString("session_id"),
                rs.getString("ip_address"), rs.getString("user_agent"), detail);
    }
}
