CREATE TABLE users (
    id integer NOT NULL,
    email varchar(255) NOT NULL,
    name text
);
