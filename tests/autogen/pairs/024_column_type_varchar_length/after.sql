CREATE TABLE users (
    id integer PRIMARY KEY,
    email varchar(320) NOT NULL,
    name text
);
