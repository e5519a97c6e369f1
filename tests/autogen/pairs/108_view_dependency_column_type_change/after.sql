CREATE TABLE users (
    id integer PRIMARY KEY,
    email text NOT NULL,
    name text
);
CREATE VIEW active_users AS SELECT id, email FROM users WHERE name IS NOT NULL;
