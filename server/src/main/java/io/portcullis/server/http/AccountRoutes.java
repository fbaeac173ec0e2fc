package io.portcullis.server.http;

import io.javalin.http.Context;
import io.portcullis.ErrorCode;
import io.portcullis.PortcullisException;
import io.portcullis.account.AccountService;
import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditQuery;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code POST /update-user}, {@code /change-password}, {@code /delete-user}, {@code GET /list-security-events}: the caller's own account. */
final class AccountRoutes {
    private static final int SECURITY_EVENTS_DEFAULT = 20;
    private final AccountService accounts;
    private final CurrentSession current;

    AccountRoutes(AccountService accounts, CurrentSession current) {
        this.accounts = accounts;
        this.current = current;
    }

    void updateUser(Context ctx) {
        Fields f = RequestBody.json(ctx).allowOnly(Set.of("name", "image", "email"));
        if (f.has("email")) throw new PortcullisException(ErrorCode.EMAIL_CAN_NOT_BE_UPDATED);
        String name = f.optionalString("name", EmailPasswordRoutes.NAME_MAX);
        String image = f.optionalString("image", EmailPasswordRoutes.IMAGE_MAX);
        f.validate();
        // A null name means "keep it", like an absent one; a null image clears the image.
        if (name == null && !f.has("image")) throw new PortcullisException(ErrorCode.VALIDATION_ERROR, "[body] No fields to update");
        accounts.updateProfile(current.require(ctx), name, f.has("image"), image);
        ctx.json(Map.of("status", true));
    }

    void changePassword(Context ctx) {
        Fields f = RequestBody.json(ctx).allowOnly(Set.of("currentPassword", "newPassword", "revokeOtherSessions"));
        String currentPassword = f.comparedPassword("currentPassword");
        String newPassword = f.newPassword("newPassword");
        boolean revokeOthers = f.optionalBoolean("revokeOtherSessions", true);
        f.validate();
        AccountService.PasswordChanged changed = accounts.changePassword(current.actor(ctx), currentPassword, newPassword, revokeOthers);
        current.issue(ctx, changed.session());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", changed.session().session().id());
        body.put("user", JsonViews.user(changed.user()));
        ctx.json(body);
    }

    /** The caller's own recent security events (sign-ins, password and two-factor changes…), newest first. */
    void listSecurityEvents(Context ctx) {
        QueryParams q = QueryParams.of(ctx, Set.of("limit"));
        int limit = q.integer("limit", SECURITY_EVENTS_DEFAULT, 1, AuditQuery.MAX_LIMIT);
        q.validate();
        ctx.json(Map.of("events", accounts.securityEvents(current.require(ctx), limit).stream().map(JsonViews::auditEvent).toList()));
    }

    void deleteUser(Context ctx) {
        Fields f = RequestBody.json(ctx).allowOnly(Set.of("password"));
        String password = f.comparedPassword("password");
        f.validate();
        Actor actor = current.actor(ctx);
        accounts.delete(actor, password);
        current.clear(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("message", "User deleted");
        ctx.json(body);
    }
}
