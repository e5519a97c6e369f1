CREATE TABLE users (
    id integer PRIMARY KEY,
    email varchar(255) NOT NULL,
    name text
);
CREATE TABLE orders (
    id integer PRIMARY KEY,
    user_id integer NOT NULL
);
CREATE VIEW active_users AS SELECT u.id, u.email FROM users u JOIN orders o ON o.user_id = u.id;
