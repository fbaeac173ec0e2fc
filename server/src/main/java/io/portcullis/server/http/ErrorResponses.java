package io.portcullis.server.http;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.portcullis.ErrorCode;
import io.portcullis.PortcullisException;
import java.time.Duration;
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
            case BAD_REQUEST, VALIDATION_ERROR, FIELD_NOT_ALLOWED, PASSWORD_TOO_SHORT, PASSWORD_TOO_LONG, PASSWORD_TOO_WEAK,
                    PASSWORD_MISSING_CHARACTER_CLASS, INVALID_PASSWORD,
                    EMAIL_CAN_NOT_BE_UPDATED, EMAIL_ALREADY_VERIFIED, YOU_CANNOT_BAN_YOURSELF, YOU_CANNOT_REMOVE_YOURSELF,
                    TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE, TOTP_NOT_ENABLED, TWO_FACTOR_NOT_ENABLED, TWO_FACTOR_ALREADY_ENABLED -> 400;
            case INVALID_EMAIL_OR_PASSWORD, UNAUTHORIZED, INVALID_TOKEN, TOKEN_EXPIRED, INVALID_CODE, INVALID_BACKUP_CODE,
                    INVALID_TWO_FACTOR_COOKIE -> 401;
            case BANNED_USER, EMAIL_NOT_VERIFIED, INVALID_CALLBACK_URL, INVALID_REDIRECT_URL, INVALID_ORIGIN, MISSING_OR_NULL_ORIGIN, INVALID_CSRF_TOKEN, YOU_ARE_NOT_ALLOWED_TO_LIST_USERS, YOU_ARE_NOT_ALLOWED_TO_GET_USER,
                    YOU_ARE_NOT_ALLOWED_TO_LIST_USERS_SESSIONS, YOU_ARE_NOT_ALLOWED_TO_REVOKE_USERS_SESSIONS,
                    YOU_ARE_NOT_ALLOWED_TO_BAN_USERS, YOU_ARE_NOT_ALLOWED_TO_CHANGE_USERS_ROLE,
                    YOU_ARE_NOT_ALLOWED_TO_SET_USERS_PASSWORD, YOU_ARE_NOT_ALLOWED_TO_UNLOCK_USERS,
                    YOU_ARE_NOT_ALLOWED_TO_DELETE_USERS, YOU_ARE_NOT_ALLOWED_TO_LIST_AUDIT_EVENTS -> 403;
            case NOT_FOUND, USER_NOT_FOUND -> 404;
            case TOO_MANY_SESSIONS -> 409;
            case PAYLOAD_TOO_LARGE -> 413;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL -> 422;
            case RATE_LIMITED, ACCOUNT_LOCKED -> 429;
            case INTERNAL_SERVER_ERROR -> 500;
            case SERVICE_UNAVAILABLE -> 503;
        };
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
        if ((code == ErrorCode.INVALID_TOKEN || code == ErrorCode.TOKEN_EXPIRED) && ctx.method().name().equals("POST")
                && ctx.path().endsWith("/reset-password")) {
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
            LOG.warn("database unavailable for {} {}: {}", ctx.method(), ctx.path(), rootMessage(e));
        }
        if (e.code() == ErrorCode.INTERNAL_SERVER_ERROR) {
            // A failed statement: its SQLState is for the server's log, never for the client.
            LOG.error("failure in {} {}: {}", ctx.method(), ctx.path(), e.getMessage(), e);
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
        LOG.error("unexpected failure in {} {}", ctx.method(), ctx.path(), e);
        write(ctx, ErrorCode.INTERNAL_SERVER_ERROR, ErrorCode.INTERNAL_SERVER_ERROR.defaultMessage());
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
