-- Account lockout state, one row per account identifier: SHA-256 (hex) of the normalised email, so
-- that the table names nobody, and unknown emails are counted exactly like known ones. No foreign
-- key: an identifier is not a user. failures: confirmed failures since the last lock; pending:
-- attempts whose password check is under way; locks: locks since the last success. A row lives
-- from an account's first attempt until a success, an unlock or the cleanup after lockout.resetAfter.
CREATE TABLE login_attempt (
    identifier      CHAR(64)     NOT NULL PRIMARY KEY,
    failures        INT          NOT NULL,
    pending         INT          NOT NULL,
    locks           INT          NOT NULL,
    locked_until    TIMESTAMP(3),
    last_failure_at TIMESTAMP(3),
    last_attempt_at TIMESTAMP(3)
);
-- cleanup of rows whose last failure is older than lockout.resetAfter
CREATE INDEX login_attempt_last_failure_idx ON login_attempt (last_failure_at);
