CREATE TABLE users (
    id integer PRIMARY KEY,
    email varchar(255) NOT NULL,
    name text
);
ALTER TABLE users ADD CONSTRAINT ck_users_email CHECK (email <> '');
