CREATE TABLE notes (
    body text
);
