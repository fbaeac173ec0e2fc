-- Single-use tokens mailed to users (email verification, password reset). Only SHA-256 of the
-- token is stored (token_hash); a row is spent by setting used_at. Rows die with their user.
CREATE TABLE verification (
    id         VARCHAR(32)  NOT NULL PRIMARY KEY,
    user_id    VARCHAR(36)  NOT NULL,
    purpose    VARCHAR(32)  NOT NULL,
    token_hash CHAR(64)     NOT NULL,
    created_at TIMESTAMP(3) NOT NULL,
    expires_at TIMESTAMP(3) NOT NULL,
    used_at    TIMESTAMP(3),
    CONSTRAINT verification_user_fk FOREIGN KEY (user_id) REFERENCES "user" (id) ON DELETE CASCADE
);
-- the lookup of a presented token
CREATE UNIQUE INDEX verification_token_hash_uq ON verification (token_hash);
-- a user's tokens (voiding older ones) and the foreign key
CREATE INDEX verification_user_idx ON verification (user_id);
