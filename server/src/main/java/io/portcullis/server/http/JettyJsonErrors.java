package io.portcullis.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Errors that Jetty answers before Javalin sees the request (malformed URI, oversized headers) get
 * the same JSON body as every other error, never an HTML page or a stack trace.
 */
final class JettyJsonErrors extends ErrorHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    JettyJsonErrors() {
        setShowStacks(false);
        setShowServlet(false);
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request, HttpServletResponse response,
                                              int code, String message) throws IOException {
        baseRequest.setHandled(true);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        SecurityHeaders.NAMES_AND_VALUES.forEach(response::setHeader);
        response.getOutputStream().write(body(code));
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        fields.put(HttpHeader.CACHE_CONTROL, "no-store");
        SecurityHeaders.NAMES_AND_VALUES.forEach(fields::put);
        return ByteBuffer.wrap(body(status));
    }

    private static byte[] body(int status) {
        ErrorCode code = ErrorResponses.codeForStatus(status);
        try {
            return JSON.writeValueAsBytes(ErrorResponses.body(code, code.defaultMessage()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of two strings always serialises", e);
        }
    }
}
