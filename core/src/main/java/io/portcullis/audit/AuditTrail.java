package io.portcullis.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records security events: a structured JSON line on the {@code portcullis.audit} logger, then a row
 * of {@code audit_event}. The line comes first and a failed insert is logged rather than thrown, so
 * that an action that already happened is neither reported as failed nor left untraced; an event
 * written in the action's own transaction ({@link #recordWithAction}, or any event recorded while the
 * caller has a transaction open) fails the action instead, and is announced after the commit.
 */
public final class AuditTrail {
    private static final Logger LOG = LoggerFactory.getLogger("portcullis.audit");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuditStore store;
    private final Clock clock;
    private final List<Consumer<AuditEvent>> listeners = new CopyOnWriteArrayList<>();

    public AuditTrail(AuditStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * An event about {@code userId} (may be null), caused by {@code actor}. Called inside a transaction
     * the caller has open, it is part of that transaction's action, as with {@link #recordWithAction}:
     * announced only once it commits, and its failure is the transaction's.
     */
    public void record(AuditType type, String userId, Actor actor, Map<String, Object> detail) {
        if (store.inCallersTransaction()) {
            recordWithAction(type, userId, actor, detail);
            return;
        }
        AuditEvent event = event(type, userId, actor, detail);
        String line = line(event);
        LOG.info(line);
        for (Consumer<AuditEvent> listener : listeners) notify(listener, event);
        try {
            store.insert(event);
        } catch (RuntimeException e) {
            LOG.error("audit event not stored ({}): {}", e.getMessage(), line);
        }
    }

    /**
     * Stores an event with the action it records, in the caller's transaction: a failure to store it is
     * thrown, so that the action is undone with it. For a sign-in's success, whose session must not exist
     * without its event, a session evicted to make room for it, and a password reset or change with the
     * sessions it ends (see docs/admin.md, "Log lines"). The log line and the listeners follow
     * the commit, so that an action rolled back later in the same transaction is never announced.
     */
    public void recordWithAction(AuditType type, String userId, Actor actor, Map<String, Object> detail) {
        AuditEvent event = event(type, userId, actor, detail);
        store.insert(event, () -> announce(event));
    }

    private void announce(AuditEvent event) {
        LOG.info(line(event));
        for (Consumer<AuditEvent> listener : listeners) notify(listener, event);
    }

    private AuditEvent event(AuditType type, String userId, Actor actor, Map<String, Object> detail) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return new AuditEvent(0, now, type, userId, actor.userId(), actor.sessionId(),
                actor.client().ipAddress(), actor.client().userAgent(), detail);
    }

    /** Calls {@code listener} with every event recorded from now on, on the recording thread (metrics count them). */
    public void subscribe(Consumer<AuditEvent> listener) {
        listeners.add(listener);
    }

    private static void notify(Consumer<AuditEvent> listener, AuditEvent event) {
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            // An observer's failure must not undo or hide the action being recorded.
            LOG.warn("audit listener failed on {}: {}", event.type().wireName(), e.toString());
        }
    }

    public List<AuditEvent> list(AuditQuery query) {
        return store.list(query);
    }

    private static String line(AuditEvent e) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", e.type().wireName());
        fields.put("at", Timestamps.iso(e.at()));
        fields.put("userId", e.userId());
        fields.put("actorId", e.actorId());
        fields.put("sessionId", e.sessionId());
        fields.put("ipAddress", e.ipAddress());
        fields.put("userAgent", e.userAgent());
        fields.put("detail", e.detail());
        try {
            return "audit " + JSON.writeValueAsString(fields);
        } catch (JsonProcessingException ex) {
            return "audit " + e.type().wireName();
        }
    }
}
