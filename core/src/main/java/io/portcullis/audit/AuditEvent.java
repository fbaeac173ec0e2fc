package io.portcullis.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One row of the audit trail. {@code userId} is the user the event is about, {@code actorId} who
 * caused it (null for the user themself when anonymous, or the command line), {@code sessionId} the
 * session the action was taken through or created. {@code detail} never holds a token, password,
 * hash or code.
 */
public record AuditEvent(
        long id,
        Instant at,
        AuditType type,
        String userId,
        String actorId,
        String sessionId,
        String ipAddress,
        String userAgent,
        Map<String, Object> detail) {

    public AuditEvent {
        detail = detail == null ? Map.of() : Map.copyOf(detail);
    }
}
