package io.portcullis.server.http;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.portcullis.ErrorCode;
import io.portcullis.ErrorStatus;
import io.portcullis.PortcullisException;
import io.portcullis.db.DatabaseFailures;
import io.portcullis.twofactor.ServerSecretMismatchException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where the server turns error codes into responses: the status from
 * {@link ErrorStatus}, the JSON body ({@code {"code": "...", "message": "..."}}). Nothing else in the
 * server formats an error.
 */
final class ErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {}

    static int status(ErrorCode code) {
        return ErrorStatus.of(code);
    }

    static void write(Context ctx, ErrorCode code, String message) {
        if (code == ErrorCode.SERVICE_UNAVAILABLE) ctx.header("Retry-After", "1");
        ctx.status(status(code, ctx)).json(body(code, message));
    }

    /**
     * The one exception to one status per code, kept for wire compatibility: a bad token is 401 where it
     * would authenticate ({@code verify-email}) but 400 where it is a field of a form ({@code POST /reset-password}).
     */
    static int status(ErrorCode code, Context ctx) {
        // The declared path: Javalin also routes "/reset-password/" here.
        if (code == ErrorCode.INVALID_TOKEN && ctx.method().name().equals("POST")
                && ctx.endpointHandlerPath().endsWith("/reset-password")) {
            return 400;
        }
        return status(code);
    }

    /** The error body, one shape for every writer. */
    static Map<String, Object> body(ErrorCode code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code.name());
        body.put("message", message);
        return body;
    }

    static void handle(PortcullisException e, Context ctx) {
        if (e.code() == ErrorCode.SERVICE_UNAVAILABLE) {
            // The cause says which database failure it was; it carries no secret (bound values are not rendered).
            LOG.warn("database unavailable for {} {}: {}", ctx.method(), MetricsRoute.of(ctx), DatabaseFailures.rootMessage(e));
        }
        if (e.code() == ErrorCode.INTERNAL_SERVER_ERROR) {
            // A failed statement: its SQLState is for the server's log, never for the client. A server secret
            // mismatch was logged once when found: logged again here, it would fill the log with one per request.
            if (!(e instanceof ServerSecretMismatchException)) LOG.error("failure in {} {}: {}", ctx.method(), MetricsRoute.of(ctx), e.getMessage(), e);
            write(ctx, e.code(), e.code().defaultMessage());
            return;
        }
        if (e.retryAfter() != null) {
            String seconds = String.valueOf(retryAfterSeconds(e.retryAfter()));
            ctx.header("Retry-After", seconds);
            ctx.header("X-Retry-After", seconds);
        }
        write(ctx, e.code(), e.getMessage());
    }

    /** Whole seconds, rounded up and at least 1, so that a client retrying on time is not refused again. */
    static long retryAfterSeconds(Duration wait) {
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
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

    /** Anything unforeseen: logged with its stack trace on the server, a bare 500 to the client. */
    static void handleUnexpected(Exception e, Context ctx) {
        LOG.error("unexpected failure in {} {}", ctx.method(), MetricsRoute.of(ctx), e);
        write(ctx, ErrorCode.INTERNAL_SERVER_ERROR, ErrorCode.INTERNAL_SERVER_ERROR.defaultMessage());
    }
}
