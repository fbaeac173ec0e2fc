package io.portcullis.examples.servletapp;

import io.portcullis.servlet.PortcullisPrincipal;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /hello}: a page that greets the signed-in user, whom it learns from the standard servlet API. */
final class HelloServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PortcullisPrincipal user = (PortcullisPrincipal) request.getUserPrincipal();
        response.setContentType("text/html;charset=utf-8");
        response.getWriter().write("<!doctype html><title>Hello</title><p>Hello " + Html.escape(user.email()) + "</p>");
    }
}
