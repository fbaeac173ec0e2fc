-- TOTP two-factor authentication. Nothing here works as a credential on its own: the TOTP secret is
-- AES-GCM encrypted under a key derived from the server secret (secret_encrypted, "v1." + base64url),
-- backup codes are HMAC-SHA256 hashes, device and challenge tokens are SHA-256 hashes. Rows die with
-- their user.

-- One enrolment per user; verified once a first code confirmed it. last_used_step is the newest TOTP
-- time step accepted (seconds since the epoch / 30): a step is accepted only when greater, so no code
-- works twice. backup_codes: the unspent codes' hashes (hex, comma-separated; empty when all are
-- spent), replaced by compare-and-set; ten hashes take 649 characters.
CREATE TABLE two_factor (
    user_id          VARCHAR(36)   NOT NULL PRIMARY KEY,
    secret_encrypted VARCHAR(255)  NOT NULL,
    verified         BOOLEAN       DEFAULT FALSE NOT NULL,
    last_used_step   BIGINT,
    backup_codes     VARCHAR(1000) NOT NULL,
    created_at       TIMESTAMP(3)  NOT NULL,
    updated_at       TIMESTAMP(3)  NOT NULL,
    CONSTRAINT two_factor_user_fk FOREIGN KEY (user_id) REFERENCES "user" (id) ON DELETE CASCADE
);

-- Devices that skip the second factor for a while (trustDevice): found by the hash of their cookie.
CREATE TABLE trusted_device (
    id         VARCHAR(32)  NOT NULL PRIMARY KEY,
    user_id    VARCHAR(36)  NOT NULL,
    token_hash CHAR(64)     NOT NULL,
    created_at TIMESTAMP(3) NOT NULL,
    expires_at TIMESTAMP(3) NOT NULL,
    CONSTRAINT trusted_device_user_fk FOREIGN KEY (user_id) REFERENCES "user" (id) ON DELETE CASCADE
);
-- the lookup of a presented cookie
CREATE UNIQUE INDEX trusted_device_token_hash_uq ON trusted_device (token_hash);
-- forgetting a user's devices, and the foreign key
CREATE INDEX trusted_device_user_idx ON trusted_device (user_id);
-- cleanup of expired rows
CREATE INDEX trusted_device_expires_at_idx ON trusted_device (expires_at);

-- The sign-in challenge between a correct password and the second factor: single use (used_at),
-- a few attempts (attempts, counted by compare-and-set), short-lived. password_fingerprint is the
-- SHA-256 of the password hash that was verified: a password changed meanwhile voids the challenge.
CREATE TABLE two_factor_challenge (
    id          VARCHAR(32)  NOT NULL PRIMARY KEY,
    user_id     VARCHAR(36)  NOT NULL,
    token_hash  CHAR(64)     NOT NULL,
    remember_me BOOLEAN      NOT NULL,
    password_fingerprint CHAR(64) NOT NULL,
    created_at  TIMESTAMP(3) NOT NULL,
    expires_at  TIMESTAMP(3) NOT NULL,
    attempts    INT          DEFAULT 0 NOT NULL,
    used_at     TIMESTAMP(3),
    CONSTRAINT two_factor_challenge_user_fk FOREIGN KEY (user_id) REFERENCES "user" (id) ON DELETE CASCADE
);
-- the lookup of a presented cookie
CREATE UNIQUE INDEX two_factor_challenge_token_hash_uq ON two_factor_challenge (token_hash);
-- the foreign key
CREATE INDEX two_factor_challenge_user_idx ON two_factor_challenge (user_id);
-- cleanup of expired rows
CREATE INDEX two_factor_challenge_expires_at_idx ON two_factor_challenge (expires_at);
