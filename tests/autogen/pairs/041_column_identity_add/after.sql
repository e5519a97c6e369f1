CREATE TABLE events (
    id bigint GENERATED ALWAYS AS IDENTITY,
    kind text
);
