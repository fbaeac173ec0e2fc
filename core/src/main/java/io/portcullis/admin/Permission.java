package io.portcullis.admin;

import io.portcullis.ErrorCode;

/** What an administrator may do, each with the code a signed-in non-admin is refused with (403). */
public enum Permission {
    LIST_USERS(ErrorCode.YOU_ARE_NOT_ALLOWED_TO_LIST_USERS),
    GET_USER(ErrorCode.YOU_ARE_NOT_ALLOWED_TO_GET_USER),
    LIST_USER_SESSIONS(ErrorCode.YOU_ARE_NOT_ALLOWED_TO_LIST_USERS_SESSIONS),
    REVOKE_USER_SESSIONS(ErrorCode.YOU_ARE_NOT_ALLOWED_TO_REVOKE_USERS_SESSIONS),
    BAN_USERS(ErrorCode.YOU_ARE_NOT_ALLOWED_TO_BAN_USERS),
    CHANGE_ROLE(ErrorCode.YOU_ARE_NOT_ALLOWED_TO_CHANGE_USERS_ROLE),
    SET_PASSWORD(ErrorCode.YOU_ARE_NOT_ALLOWED_TO_SET_USERS_PASSWORD),
    UNLOCK_USERS(ErrorCode.YOU_ARE_NOT_ALLOWED_TO_UNLOCK_USERS),
    DELETE_USERS(ErrorCode.YOU_ARE_NOT_ALLOWED_TO_DELETE_USERS),
    LIST_AUDIT_EVENTS(ErrorCode.YOU_ARE_NOT_ALLOWED_TO_LIST_AUDIT_EVENTS);

    private final ErrorCode refusal;

    Permission(ErrorCode refusal) {
        this.refusal = refusal;
    }

    public ErrorCode refusal() {
        return refusal;
    }
}
