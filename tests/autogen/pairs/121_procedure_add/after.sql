CREATE TABLE users (
    id integer PRIMARY KEY,
    email varchar(255) NOT NULL,
    name text
);
CREATE PROCEDURE forget(uid integer) LANGUAGE sql AS $$ DELETE FROM users WHERE id = uid $$;
