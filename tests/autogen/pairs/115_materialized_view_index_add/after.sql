CREATE TABLE users (
    id integer PRIMARY KEY,
    email varchar(255) NOT NULL,
    name text
);
CREATE MATERIALIZED VIEW user_counts AS SELECT count(*) AS n FROM users;
CREATE UNIQUE INDEX ix_user_counts ON user_counts (n);
