CREATE TABLE logs (
    id integer PRIMARY KEY,
    at timestamptz
);
CREATE INDEX ix_logs_at ON logs USING brin (at);
