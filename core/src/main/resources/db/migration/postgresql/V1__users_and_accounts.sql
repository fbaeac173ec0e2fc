-- People, and the credentials they sign in with. The password hash lives in account, never in user.
CREATE TABLE "user" (
    id             VARCHAR(36)   NOT NULL PRIMARY KEY,
    email          VARCHAR(254)  NOT NULL,
    name           VARCHAR(255)  NOT NULL,
    email_verified BOOLEAN       DEFAULT FALSE NOT NULL,
    image          VARCHAR(2048),
    role           VARCHAR(255)  DEFAULT 'user' NOT NULL,
    banned         BOOLEAN       DEFAULT FALSE NOT NULL,
    ban_reason     VARCHAR(1024),
    ban_expires    TIMESTAMP(3),
    created_at     TIMESTAMP(3)  NOT NULL,
    updated_at     TIMESTAMP(3)  NOT NULL,
    CONSTRAINT user_email_uq UNIQUE (email)
);

CREATE TABLE account (
    id            VARCHAR(36)  NOT NULL PRIMARY KEY,
    user_id       VARCHAR(36)  NOT NULL,
    provider_id   VARCHAR(64)  NOT NULL,
    account_id    VARCHAR(255) NOT NULL,
    password_hash VARCHAR(512),
    created_at    TIMESTAMP(3) NOT NULL,
    updated_at    TIMESTAMP(3) NOT NULL,
    CONSTRAINT account_user_fk FOREIGN KEY (user_id) REFERENCES "user" (id) ON DELETE CASCADE,
    CONSTRAINT account_provider_uq UNIQUE (provider_id, account_id)
);
CREATE INDEX account_user_id_idx ON account (user_id);
