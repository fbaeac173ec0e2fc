package io.portcullis.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/** The request as the application sees it behind the filter: its caller is the session's user. */
final class AuthenticatedRequest extends HttpServletRequestWrapper {
    /** The servlet role name that means "any authenticated user" (Servlet specification, 13.3). */
    private static final String ANY_AUTHENTICATED_USER = "**";

    private final PortcullisPrincipal principal;

    AuthenticatedRequest(HttpServletRequest request, PortcullisPrincipal principal) {
        super(request);
        this.principal = principal;
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public String getRemoteUser() {
        return principal.getName();
    }

    @Override
    public boolean isUserInRole(String role) {
        return role != null && (role.equals(ANY_AUTHENTICATED_USER) || principal.roles().contains(role));
    }

    @Override
    public String getAuthType() {
        return PortcullisFilter.AUTH_TYPE;
    }
}
