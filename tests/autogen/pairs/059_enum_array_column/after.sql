CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE users (
    id integer PRIMARY KEY,
    email varchar(255) NOT NULL,
    name text,
    moods mood[]
);
