package io.portcullis.server.http;

import io.javalin.http.Context;
import io.portcullis.admin.AdminService;
import io.portcullis.admin.Permission;
import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditQuery;
import io.portcullis.audit.AuditType;
import io.portcullis.user.Roles;
import io.portcullis.user.UserQuery;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /admin/*}. The routes are declared {@link Access#SESSION} (401 without a session); whether
 * the caller is an admin (else 403 with the endpoint's code) is {@link AdminService}'s decision.
 */
final class AdminRoutes {
    private static final int ID_MAX = 64;
    private static final int SEARCH_MAX = 256;
    private static final int BAN_REASON_MAX = 1024;
    /** About 100 years: long enough for "for good", short enough that the expiry is a valid timestamp. */
    private static final long BAN_SECONDS_MAX = 100L * 366 * 24 * 3600;
    private static final Set<String> LIST_USERS_PARAMS = Set.of("searchValue", "searchField", "searchOperator", "limit", "offset", "sortBy", "sortDirection");
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");
    private static final Set<String> AUDIT_PARAMS = Set.of("userId", "type", "limit", "before");

    private final AdminService admin;
    private final CurrentSession current;

    AdminRoutes(AdminService admin, CurrentSession current) {
        this.admin = admin;
        this.current = current;
    }

    void listUsers(Context ctx) {
        Actor actor = allowed(ctx, Permission.LIST_USERS);
        QueryParams q = QueryParams.of(ctx, LIST_USERS_PARAMS);
        String searchValue = q.string("searchValue", SEARCH_MAX);
        UserQuery.Field field = UserQuery.Field.values()[q.choice("searchField", 0, "email", "name")];
        UserQuery.Operator operator = UserQuery.Operator.values()[q.choice("searchOperator", 0, "contains", "starts_with", "ends_with")];
        int limit = q.integer("limit", UserQuery.DEFAULT_LIMIT, 1, UserQuery.MAX_LIMIT);
        int offset = q.integer("offset", 0, 0, Integer.MAX_VALUE);
        UserQuery.Sort sortBy = UserQuery.Sort.values()[q.choice("sortBy", 0, "createdAt", "updatedAt", "email", "name")];
        boolean descending = q.choice("sortDirection", 0, "asc", "desc") == 1;
        q.validate();
        var page = admin.listUsersWithLockout(actor, new UserQuery(searchValue, field, operator, sortBy, descending, limit, offset));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("users", page.users().stream().map(JsonViews::userWithLockout).toList());
        body.put("total", page.total());
        body.put("limit", limit);
        body.put("offset", offset);
        ctx.json(body);
    }

    void getUser(Context ctx) {
        Actor actor = allowed(ctx, Permission.GET_USER);
        QueryParams q = QueryParams.of(ctx, Set.of("id"));
        String id = q.requiredString("id", ID_MAX);
        q.validate();
        ctx.json(JsonViews.userWithLockout(admin.getUserWithLockout(actor, id)));
    }

    void listUserSessions(Context ctx) {
        Actor actor = allowed(ctx, Permission.LIST_USER_SESSIONS);
        Fields f = RequestBody.json(ctx).allowOnly(Set.of("userId"));
        String userId = f.requiredString("userId", ID_MAX);
        f.validate();
        ctx.json(Map.of("sessions", JsonViews.sessions(admin.listUserSessions(actor, userId), actor.sessionId())));
    }

    /** {@code sessionToken} (a public session id) revokes that session; {@code userId} revokes all of that user's. */
    void revokeUserSession(Context ctx) {
        Actor actor = allowed(ctx, Permission.REVOKE_USER_SESSIONS);
        Fields f = RequestBody.json(ctx).allowOnly(Set.of("sessionToken", "userId"));
        String sessionId = f.optionalString("sessionToken", ID_MAX);
        String userId = f.optionalString("userId", ID_MAX);
        if (!f.given("sessionToken") && !f.given("userId")) f.problem("sessionToken", "Required (or userId)");
        if (sessionId != null && userId != null) f.problem("userId", "Give either sessionToken or userId, not both");
        f.validate();
        if (sessionId != null) admin.revokeUserSession(actor, sessionId);
        else admin.revokeUserSessions(actor, userId);
        if (actor.sessionId().equals(sessionId) || actor.userId().equals(userId)) current.clear(ctx);
        ctx.json(Map.of("success", true));
    }

    void revokeUserSessions(Context ctx) {
        Actor actor = allowed(ctx, Permission.REVOKE_USER_SESSIONS);
        String userId = userIdOnly(ctx);
        admin.revokeUserSessions(actor, userId);
        if (actor.userId().equals(userId)) current.clear(ctx);
        ctx.json(Map.of("success", true));
    }

    void banUser(Context ctx) {
        Actor actor = allowed(ctx, Permission.BAN_USERS);
        Fields f = RequestBody.json(ctx).allowOnly(Set.of("userId", "banReason", "banExpiresIn"));
        String userId = f.requiredString("userId", ID_MAX);
        String reason = f.optionalString("banReason", BAN_REASON_MAX);
        Long seconds = f.optionalInteger("banExpiresIn", 1, BAN_SECONDS_MAX);
        f.validate();
        ctx.json(Map.of("user", JsonViews.user(admin.ban(actor, userId, reason, seconds == null ? null : Duration.ofSeconds(seconds)))));
    }

    void unbanUser(Context ctx) {
        Actor actor = allowed(ctx, Permission.BAN_USERS);
        String userId = userIdOnly(ctx);
        ctx.json(Map.of("user", JsonViews.user(admin.unban(actor, userId))));
    }

    void setRole(Context ctx) {
        Actor actor = allowed(ctx, Permission.CHANGE_ROLE);
        Fields f = RequestBody.json(ctx).allowOnly(Set.of("userId", "role"));
        String userId = f.requiredString("userId", ID_MAX);
        List<String> roles = f.requiredStringList("role", 64, 64);
        String problem = roles == null ? null : Roles.problem(Roles.names(roles));
        if (problem != null) f.problem("role", problem);
        f.validate();
        AdminService.RoleChange change = admin.setRole(actor, userId, roles);
        change.rotated().ifPresent(session -> current.issue(ctx, session));
        ctx.json(Map.of("user", JsonViews.user(change.user())));
    }

    void setUserPassword(Context ctx) {
        Actor actor = allowed(ctx, Permission.SET_PASSWORD);
        Fields f = RequestBody.json(ctx).allowOnly(Set.of("userId", "newPassword"));
        String userId = f.requiredString("userId", ID_MAX);
        String password = f.newPassword("newPassword");
        f.validate();
        admin.setUserPassword(actor, userId, password);
        if (actor.userId().equals(userId)) current.clear(ctx);
        ctx.json(Map.of("status", true));
    }

    void unlockUser(Context ctx) {
        Actor actor = allowed(ctx, Permission.UNLOCK_USERS);
        String userId = userIdOnly(ctx);
        admin.unlock(actor, userId);
        ctx.json(Map.of("status", true));
    }

    void removeUser(Context ctx) {
        Actor actor = allowed(ctx, Permission.DELETE_USERS);
        String userId = userIdOnly(ctx);
        admin.removeUser(actor, userId);
        ctx.json(Map.of("success", true));
    }

    /** {@code before} is an event id (exact paging) or an ISO-8601 instant. */
    void auditEvents(Context ctx) {
        Actor actor = allowed(ctx, Permission.LIST_AUDIT_EVENTS);
        QueryParams q = QueryParams.of(ctx, AUDIT_PARAMS);
        String userId = q.string("userId", ID_MAX);
        String typeName = q.string("type", 64);
        AuditType type = typeName == null ? null : AuditType.fromWireName(typeName);
        if (typeName != null && type == null) q.problem("type", "Unknown event type");
        int limit = q.integer("limit", AuditQuery.DEFAULT_LIMIT, 1, AuditQuery.MAX_LIMIT);
        String before = q.string("before", 64);
        Long beforeId = null;
        Instant beforeAt = null;
        if (before != null && before.matches("\\d{1,18}")) {
            beforeId = Long.parseLong(before);
        } else if (before != null) {
            try {
                beforeAt = Instant.parse(before);
                // Every database stores years 1 to 9999; beyond that the comparison itself would fail.
                if (beforeAt.isBefore(EARLIEST) || beforeAt.isAfter(LATEST)) {
                    beforeAt = null;
                    q.problem("before", "Must be between years 1 and 9999");
                }
            } catch (DateTimeParseException e) {
                q.problem("before", "Expected an event id or an ISO-8601 instant such as 2026-01-31T09:15:00.000Z");
            }
        }
        q.validate();
        var events = admin.auditEvents(actor, new AuditQuery(userId, type, beforeAt, beforeId, limit));
        ctx.json(Map.of("events", events.stream().map(JsonViews::auditEvent).toList()));
    }

    /** The caller, once they are known to be an admin: a non-admin learns nothing more about the request. */
    private Actor allowed(Context ctx, Permission permission) {
        return admin.authorize(current.actor(ctx), permission);
    }

    private static String userIdOnly(Context ctx) {
        Fields f = RequestBody.json(ctx).allowOnly(Set.of("userId"));
        String userId = f.requiredString("userId", ID_MAX);
        f.validate();
        return userId;
    }
}
