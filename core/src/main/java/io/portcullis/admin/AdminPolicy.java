package io.portcullis.admin;

import io.portcullis.ErrorCode;
import io.portcullis.PortcullisException;
import io.portcullis.audit.Actor;
import io.portcullis.config.AdminConfig;
import io.portcullis.user.Roles;
import io.portcullis.user.User;
import java.util.Set;

/**
 * Who is an administrator: a user whose roles include {@code admin}, or whose <em>verified</em> email
 * is listed in {@code admin.emails} (an unverified one could belong to whoever signed up first).
 * Decided from the user read with the session, so a demoted admin loses the right on the very next
 * request.
 */
public final class AdminPolicy {
    private final Set<String> adminEmails;

    public AdminPolicy(AdminConfig config) {
        this.adminEmails = Set.copyOf(config.emails());
    }

    public boolean isAdmin(User user) {
        return Roles.hasAdmin(user.role()) || (user.emailVerified() && adminEmails.contains(user.email()));
    }

    /**
     * @throws PortcullisException {@code UNAUTHORIZED} without a signed-in user, the permission's
     *                             refusal code for a signed-in non-admin
     */
    void require(Actor actor, Permission permission) {
        if (actor.operator()) return;
        if (actor.user() == null) throw new PortcullisException(ErrorCode.UNAUTHORIZED);
        if (!isAdmin(actor.user())) throw new PortcullisException(permission.refusal());
    }
}
