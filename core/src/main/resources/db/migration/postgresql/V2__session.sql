-- Sessions, in one migration of their own. Only SHA-256 of the token is stored (token_hash);
-- id is public and safe to list. Rows die with their user.
CREATE TABLE session (
    id                  VARCHAR(32)  NOT NULL PRIMARY KEY,
    token_hash          CHAR(64)     NOT NULL,
    user_id             VARCHAR(36)  NOT NULL,
    created_at          TIMESTAMP(3) NOT NULL,
    last_active_at      TIMESTAMP(3) NOT NULL,
    expires_at          TIMESTAMP(3) NOT NULL,
    absolute_expires_at TIMESTAMP(3) NOT NULL,
    remember_me         BOOLEAN      NOT NULL,
    ip_address          VARCHAR(64)  DEFAULT '' NOT NULL,
    user_agent          VARCHAR(512) DEFAULT '' NOT NULL,
    auth_method         VARCHAR(32)  NOT NULL,
    CONSTRAINT session_user_fk FOREIGN KEY (user_id) REFERENCES "user" (id) ON DELETE CASCADE
);
-- the hot path: one lookup per request by token hash
CREATE UNIQUE INDEX session_token_hash_uq ON session (token_hash);
-- listing and revoking a user's sessions
CREATE INDEX session_user_id_idx ON session (user_id);
-- batched cleanup of expired rows
CREATE INDEX session_expires_at_idx ON session (expires_at);
