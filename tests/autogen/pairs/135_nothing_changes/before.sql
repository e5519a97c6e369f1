CREATE SCHEMA shop;
CREATE TYPE mood AS ENUM ('happy', 'calm', 'sad');
CREATE TABLE users (
    id integer PRIMARY KEY,
    email text NOT NULL,
    name text,
    mood mood DEFAULT 'calm'
);
CREATE TABLE shop.products (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title text NOT NULL,
    price numeric(10,2) NOT NULL CHECK (price >= 0)
);
CREATE TABLE shop.orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    product_id bigint NOT NULL REFERENCES shop.products (id)
);
CREATE INDEX ix_orders_user ON shop.orders (user_id);
CREATE VIEW shop.order_totals AS SELECT o.user_id, sum(p.price) AS total FROM shop.orders o JOIN shop.products p ON p.id = o.product_id GROUP BY o.user_id;
