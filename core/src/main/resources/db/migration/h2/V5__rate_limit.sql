-- Shared rate-limit counters: one fixed window per bucket, so every instance sees the same counts.
-- The column is "bucket" rather than "key": KEY is reserved in H2 and MariaDB. A bucket is the
-- client (IPv4 address, or IPv6 /64) and the route, e.g. 203.0.113.7|/sign-in/email. No user data,
-- no secret. V4 is taken by the login_attempt table of the account lockout.
CREATE TABLE rate_limit (
    bucket       VARCHAR(255) NOT NULL PRIMARY KEY,
    window_start TIMESTAMP(3) NOT NULL,
    count        INT          NOT NULL
);
-- batched cleanup of windows that have ended
CREATE INDEX rate_limit_window_start_idx ON rate_limit (window_start);
