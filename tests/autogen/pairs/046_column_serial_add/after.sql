CREATE TABLE notes (
    id serial,
    body text
);
