-- Which server secret the two-factor data of this database is written under, so that an instance
-- with another one refuses to start instead of writing enrolments the others cannot read. One row
-- (id 'server'), recorded by the first instance that needs the secret. check_value is a key derived
-- from the secret for this purpose alone (HKDF-SHA256, hex): it keys nothing, and reveals no more
-- about the secret than the encrypted TOTP secrets beside it already do.
CREATE TABLE server_secret_check (
    id          VARCHAR(16)  NOT NULL PRIMARY KEY,
    check_value CHAR(64)     NOT NULL,
    recorded_at TIMESTAMP(3) NOT NULL
);
