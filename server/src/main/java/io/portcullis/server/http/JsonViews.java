package io.portcullis.server.http;

import io.portcullis.Timestamps;
import io.portcullis.admin.AdminService;
import io.portcullis.audit.AuditEvent;
import io.portcullis.session.Session;
import io.portcullis.user.User;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The wire shapes of users and sessions. No secret is ever part of either. */
final class JsonViews {

    private JsonViews() {}

    static String date(Instant instant) {
        return Timestamps.iso(instant);
    }

    static Map<String, Object> user(User u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", u.id());
        m.put("name", u.name());
        m.put("email", u.email());
        m.put("emailVerified", u.emailVerified());
        m.put("image", u.image());
        m.put("createdAt", date(u.createdAt()));
        m.put("updatedAt", date(u.updatedAt()));
        m.put("twoFactorEnabled", u.twoFactorEnabled());
        m.put("role", u.role());
        m.put("banned", u.banned());
        m.put("banReason", u.banReason());
        m.put("banExpires", date(u.banExpires()));
        return m;
    }

    /** An administrator's view of one user: the user object, and their account's lockout. */
    static Map<String, Object> userWithLockout(AdminService.UserWithLockout u) {
        Map<String, Object> m = user(u.user());
        m.put("lockedUntil", date(u.lockout().lockedUntil()));
        m.put("failedAttempts", u.lockout().failures());
        return m;
    }

    /** {@code token} repeats the public id: Better Auth clients read it, and the real token never leaves the cookie. */
    static Map<String, Object> session(Session s, String currentSessionId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("token", s.id());
        m.put("userId", s.userId());
        m.put("expiresAt", date(s.expiresAt()));
        m.put("createdAt", date(s.createdAt()));
        m.put("updatedAt", date(s.lastActiveAt()));
        m.put("ipAddress", s.ipAddress());
        m.put("userAgent", s.userAgent());
        m.put("lastActiveAt", date(s.lastActiveAt()));
        m.put("absoluteExpiresAt", date(s.absoluteExpiresAt()));
        m.put("current", s.id().equals(currentSessionId));
        return m;
    }

    static List<Map<String, Object>> sessions(List<Session> sessions, String currentSessionId) {
        return sessions.stream().map(s -> session(s, currentSessionId)).toList();
    }

    static Map<String, Object> auditEvent(AuditEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("at", date(e.at()));
        m.put("type", e.type() == null ? null : e.type().wireName());
        m.put("userId", e.userId());
        m.put("actorId", e.actorId());
        m.put("sessionId", e.sessionId());
        m.put("ipAddress", e.ipAddress());
        m.put("userAgent", e.userAgent());
        m.put("detail", e.detail());
        return m;
    }
}
