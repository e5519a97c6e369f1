CREATE TABLE users (
    id integer PRIMARY KEY,
    email text NOT NULL,
    created timestamptz NOT NULL DEFAULT now(),
    score integer DEFAULT 0
);
