CREATE TABLE users (
    id integer PRIMARY KEY,
    email varchar(255) NOT NULL,
    name text
);
CREATE INDEX ix_users_email_pattern ON users (email varchar_pattern_ops);
