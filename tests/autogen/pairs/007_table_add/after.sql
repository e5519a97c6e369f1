CREATE TABLE users (
    id integer PRIMARY KEY,
    email varchar(255) NOT NULL,
    name text
);
CREATE TABLE tags (
    id serial PRIMARY KEY,
    label text NOT NULL UNIQUE
);
