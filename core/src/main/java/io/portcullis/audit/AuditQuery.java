package io.portcullis.audit;

import java.time.Instant;

/**
 * A page of the audit trail, newest first. Every filter is optional (null). {@code beforeId} pages
 * without gaps: pass the {@code id} of the last event of the previous page.
 */
public record AuditQuery(String userId, AuditType type, Instant beforeAt, Long beforeId, int limit) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
}
