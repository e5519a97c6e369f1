CREATE TABLE users (
    id integer PRIMARY KEY,
    email varchar(255) NOT NULL,
    name text
);
CREATE SEQUENCE invoice_no START WITH 1000 INCREMENT BY 1;
