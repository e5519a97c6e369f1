CREATE TABLE users (
    id integer PRIMARY KEY,
    email varchar(255) NOT NULL,
    name text
);
CREATE VIEW named_users AS SELECT id, email FROM users WHERE name IS NOT NULL;
