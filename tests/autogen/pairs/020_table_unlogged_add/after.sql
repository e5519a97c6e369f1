CREATE TABLE users (
    id integer PRIMARY KEY,
    email varchar(255) NOT NULL,
    name text
);
CREATE UNLOGGED TABLE cache (
    k text PRIMARY KEY,
    v jsonb
);
