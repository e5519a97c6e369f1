CREATE TABLE users (
    id integer NOT NULL,
    email varchar(255) NOT NULL,
    name text
);
ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY (id, email);
