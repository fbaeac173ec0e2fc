package io.portcullis;

/**
 * Stable error codes. They are part of the wire contract ({@code {"code": "...", "message": "..."}}):
 * never rename one. The HTTP status for each code is chosen in exactly one place, the server's
 * error mapper.
 */
public enum ErrorCode {
    BAD_REQUEST("Invalid request"),
    VALIDATION_ERROR("Invalid request body"),
    FIELD_NOT_ALLOWED("Field is not allowed"),
    UNSUPPORTED_MEDIA_TYPE("Unsupported content type"),
    PAYLOAD_TOO_LARGE("Request body is too large"),
    NOT_FOUND("Not Found"),
    PASSWORD_TOO_SHORT("Password is too short"),
    PASSWORD_TOO_LONG("Password is too long"),
    USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL("User already exists. Use another email."),
    INVALID_EMAIL_OR_PASSWORD("Invalid email or password"),
    BANNED_USER("You have been banned from this application"),
    INVALID_CALLBACK_URL("Invalid callbackURL"),
    UNAUTHORIZED("Unauthorized"),
    SERVICE_UNAVAILABLE("Service temporarily unavailable"),
    INTERNAL_SERVER_ERROR("Internal Server Error");

    private final String defaultMessage;

    ErrorCode(String defaultMessage) {
        this.defaultMessage = defaultMessage;
    }

    public String defaultMessage() {
        return defaultMessage;
    }
}
