package io.portcullis.examples.servletapp;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code /api/notes}: a mutation to show the CSRF checks. POST adds the body as a note of the caller
 * (kept in memory), GET lists them; the filter lets a POST in only from a trusted origin with the
 * session's CSRF token.
 */
final class NotesServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final int MAX_NOTE = 1000;

    private final List<Map<String, String>> notes = new CopyOnWriteArrayList<>();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String user = request.getRemoteUser();
        Json.write(response, notes.stream().filter(n -> n.get("userId").equals(user)).map(n -> n.get("text")).toList());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = request.getInputStream().readNBytes(MAX_NOTE + 1);
        if (body.length > MAX_NOTE) {
            response.setStatus(413);
            Json.write(response, Map.of("code", "PAYLOAD_TOO_LARGE", "message", "A note is at most " + MAX_NOTE + " bytes"));
            return;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        notes.add(Map.of("userId", request.getRemoteUser(), "text", text));
        Json.write(response, Map.of("saved", text));
    }
}
