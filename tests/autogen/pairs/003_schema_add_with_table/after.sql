CREATE TABLE users (
    id integer PRIMARY KEY,
    email varchar(255) NOT NULL,
    name text
);
CREATE SCHEMA audit;
CREATE TABLE audit.events (
    id bigint PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now()
);
