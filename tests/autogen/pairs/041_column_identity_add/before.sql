CREATE TABLE events (
    id bigint NOT NULL,
    kind text
);
