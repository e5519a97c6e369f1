CREATE TABLE logs (
    id integer PRIMARY KEY,
    at timestamptz
);
