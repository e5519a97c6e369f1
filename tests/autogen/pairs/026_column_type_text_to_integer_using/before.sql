CREATE TABLE items (
    id integer PRIMARY KEY,
    qty text
);
