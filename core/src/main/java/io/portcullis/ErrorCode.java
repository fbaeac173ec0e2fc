package io.portcullis;

/**
 * Stable error codes. They are part of the wire contract ({@code {"code": "...", "message": "..."}}):
 * never rename one. The HTTP status for each code is chosen in exactly one place,
 * {@link ErrorStatus}.
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
    PASSWORD_TOO_WEAK("Password is too weak"),
    PASSWORD_MISSING_CHARACTER_CLASS("Password is missing a required kind of character"),
    USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL("User already exists. Use another email."),
    EMAIL_PASSWORD_SIGN_UP_DISABLED("Email and password sign up is not enabled"),
    INVALID_EMAIL_OR_PASSWORD("Invalid email or password"),
    BANNED_USER("You have been banned from this application"),
    INVALID_CALLBACK_URL("Invalid callbackURL"),
    INVALID_REDIRECT_URL("Invalid redirectURL"),
    INVALID_ORIGIN("Invalid origin"),
    MISSING_OR_NULL_ORIGIN("Missing or null Origin"),
    INVALID_CSRF_TOKEN("Invalid or missing CSRF token"),
    RATE_LIMITED("Too many requests. Please try again later."),
    ACCOUNT_LOCKED("Too many failed attempts: the account is temporarily locked"),
    INVALID_PASSWORD("Invalid password"),
    EMAIL_CAN_NOT_BE_UPDATED("Email can not be updated"),
    EMAIL_NOT_VERIFIED("Email not verified"),
    EMAIL_ALREADY_VERIFIED("Email is already verified"),
    INVALID_TOKEN("Invalid token"),
    TOKEN_EXPIRED("Token expired"),
    TOO_MANY_SESSIONS("Too many active sessions: sign out on another device first"),
    USER_NOT_FOUND("User not found"),
    YOU_CANNOT_BAN_YOURSELF("You cannot ban yourself"),
    YOU_CANNOT_REMOVE_YOURSELF("You cannot remove yourself"),
    YOU_ARE_NOT_ALLOWED_TO_LIST_USERS("You are not allowed to list users"),
    YOU_ARE_NOT_ALLOWED_TO_GET_USER("You are not allowed to get user"),
    YOU_ARE_NOT_ALLOWED_TO_LIST_USERS_SESSIONS("You are not allowed to list users sessions"),
    YOU_ARE_NOT_ALLOWED_TO_REVOKE_USERS_SESSIONS("You are not allowed to revoke users sessions"),
    YOU_ARE_NOT_ALLOWED_TO_BAN_USERS("You are not allowed to ban users"),
    YOU_ARE_NOT_ALLOWED_TO_CHANGE_USERS_ROLE("You are not allowed to change users role"),
    YOU_ARE_NOT_ALLOWED_TO_SET_USERS_PASSWORD("You are not allowed to set users password"),
    YOU_ARE_NOT_ALLOWED_TO_UNLOCK_USERS("You are not allowed to unlock users"),
    YOU_ARE_NOT_ALLOWED_TO_DELETE_USERS("You are not allowed to delete users"),
    YOU_ARE_NOT_ALLOWED_TO_LIST_AUDIT_EVENTS("You are not allowed to list audit events"),
    INVALID_CODE("Invalid code"),
    INVALID_BACKUP_CODE("Invalid backup code"),
    INVALID_TWO_FACTOR_COOKIE("Invalid two factor cookie"),
    TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE("Too many attempts. Please request a new code."),
    TOTP_NOT_ENABLED("TOTP not enabled"),
    TWO_FACTOR_NOT_ENABLED("Two factor isn't enabled"),
    TWO_FACTOR_ALREADY_ENABLED("Two factor is already enabled: disable it first"),
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
