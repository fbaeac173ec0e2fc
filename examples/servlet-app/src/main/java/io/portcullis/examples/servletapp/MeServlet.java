package io.portcullis.examples.servletapp;

import io.portcullis.servlet.PortcullisFilter;
import io.portcullis.servlet.PortcullisPrincipal;
import io.portcullis.session.AuthenticatedSession;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code GET /api/me}: who is calling, as JSON, read both ways an application can: the standard
 * {@code getUserPrincipal()}/{@code getRemoteUser()}/{@code isUserInRole()}, and the request
 * attribute holding Portcullis' session.
 */
final class MeServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PortcullisPrincipal principal = (PortcullisPrincipal) request.getUserPrincipal();
        AuthenticatedSession session = (AuthenticatedSession) request.getAttribute(PortcullisFilter.SESSION);
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("email", principal.email());
        me.put("userId", principal.userId());
        me.put("remoteUser", request.getRemoteUser());
        me.put("roles", new TreeSet<>(principal.roles()));
        me.put("admin", request.isUserInRole("admin"));
        me.put("authType", request.getAuthType());
        me.put("sessionEmail", session.user().email());
        me.put("sessionId", session.session().id());
        Json.write(response, me);
    }
}
