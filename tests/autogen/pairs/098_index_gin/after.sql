CREATE TABLE docs (
    id integer PRIMARY KEY,
    body jsonb
);
CREATE INDEX ix_docs_body ON docs USING gin (body jsonb_path_ops);
