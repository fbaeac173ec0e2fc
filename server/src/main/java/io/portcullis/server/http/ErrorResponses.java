package io.portcullis.server.http;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.portcullis.ErrorCode;
import io.portcullis.PortcullisException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where error codes become HTTP statuses and JSON bodies
 * ({@code {"code": "...", "message": "..."}}). Nothing else formats an error.
 */
final class ErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {}

    static int status(ErrorCode code) {
        return switch (code) {
            case BAD_REQUEST, VALIDATION_ERROR, FIELD_NOT_ALLOWED, PASSWORD_TOO_SHORT, PASSWORD_TOO_LONG -> 400;
            case INVALID_EMAIL_OR_PASSWORD, UNAUTHORIZED -> 401;
            case BANNED_USER, INVALID_CALLBACK_URL -> 403;
            case NOT_FOUND -> 404;
            case PAYLOAD_TOO_LARGE -> 413;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL -> 422;
            case INTERNAL_SERVER_ERROR -> 500;
            case SERVICE_UNAVAILABLE -> 503;
        };
    }

    static void write(Context ctx, ErrorCode code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code.name());
        body.put("message", message);
        if (code == ErrorCode.SERVICE_UNAVAILABLE) ctx.header("Retry-After", "1");
        ctx.status(status(code)).json(body);
    }

    static void handle(PortcullisException e, Context ctx) {
        if (e.code() == ErrorCode.SERVICE_UNAVAILABLE) {
            // The cause says which database failure it was; it carries no secret (bound values are not rendered).
            LOG.warn("database unavailable for {} {}: {}", ctx.method(), ctx.path(), rootMessage(e));
        }
        write(ctx, e.code(), e.getMessage());
    }

    /** Javalin's own responses (unknown route, method not allowed, its body limit) in our shape. */
    static void handle(HttpResponseException e, Context ctx) {
        ErrorCode code = codeForStatus(e.getStatus());
        write(ctx, code, code.defaultMessage());
    }

    /** For statuses raised outside Portcullis's code (Javalin routing, Jetty's HTTP parser). */
    static ErrorCode codeForStatus(int status) {
        return switch (status) {
            case 404, 405 -> ErrorCode.NOT_FOUND;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
            default -> status >= 500 ? ErrorCode.INTERNAL_SERVER_ERROR : ErrorCode.BAD_REQUEST;
        };
    }

    /** The JSON error body as text, for writers outside Javalin (Jetty's error handler). */
    static String body(ErrorCode code) {
        return "{\"code\":\"" + code.name() + "\",\"message\":\"" + code.defaultMessage() + "\"}";
    }

    /** Anything unforeseen: logged with its stack trace on the server, a bare 500 to the client. */
    static void handleUnexpected(Exception e, Context ctx) {
        LOG.error("unexpected failure in {} {}", ctx.method(), ctx.path(), e);
        write(ctx, ErrorCode.INTERNAL_SERVER_ERROR, ErrorCode.INTERNAL_SERVER_ERROR.defaultMessage());
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
