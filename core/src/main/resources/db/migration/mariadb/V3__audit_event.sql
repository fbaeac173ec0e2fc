-- The security trail. id grows with every insert, so it orders events and pages through them
-- without gaps. Events about a user go with the user (CASCADE); an actor's removal keeps the event
-- but forgets who (SET NULL). detail is a small JSON object, never a secret.
CREATE TABLE audit_event (
    id         BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    at         DATETIME(3) NOT NULL,
    type       VARCHAR(64)  NOT NULL,
    user_id    VARCHAR(36),
    actor_id   VARCHAR(36),
    session_id VARCHAR(32),
    ip_address VARCHAR(64)  DEFAULT '' NOT NULL,
    user_agent VARCHAR(512) DEFAULT '' NOT NULL,
    detail     VARCHAR(2000),
    CONSTRAINT audit_event_user_fk FOREIGN KEY (user_id) REFERENCES `user` (id) ON DELETE CASCADE,
    CONSTRAINT audit_event_actor_fk FOREIGN KEY (actor_id) REFERENCES `user` (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
-- a user's events, newest first
CREATE INDEX audit_event_user_at_idx ON audit_event (user_id, at);
-- the actor foreign key
CREATE INDEX audit_event_actor_idx ON audit_event (actor_id);
