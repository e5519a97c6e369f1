CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0);
CREATE TABLE users (
    id integer PRIMARY KEY,
    email varchar(255) NOT NULL,
    name text
);
