// Exact SQL for each operation and option.
#include "render/postgres.hpp"
#include "render/quoting.hpp"
#include "recorded_sql.hpp"

#include <doctest/doctest.h>

using namespace retort;

using retort::test::sql_of;

namespace {
std::vector<op::operation> recorded(void (*fn)(ops&)) { return record(fn); }
}  // namespace

TEST_CASE("identifiers are quoted only when PostgreSQL needs it") {
    CHECK(render::quote_identifier("users") == "users");
    CHECK(render::quote_identifier("user") == "\"user\"");
    CHECK(render::quote_identifier("Users") == "\"Users\"");
    CHECK(render::quote_identifier("2fa") == "\"2fa\"");
    CHECK(render::quote_identifier("a b") == "\"a b\"");
    CHECK(render::quote_identifier("we\"ird") == "\"we\"\"ird\"");
    CHECK(render::qualified("audit", "order") == "audit.\"order\"");
    CHECK(render::quote_literal("it's") == "'it''s'");
}

TEST_CASE("create_table with a serial primary key, defaults and a unique column") {
    CHECK(sql_of([](ops& op) {
              op.create_table("users", {
                                           Column("id", Integer()).primary_key(),
                                           Column("email", String(255)).nullable(false).unique(),
                                           Column("created", DateTime(true)).server_default(sql("now()")),
                                           Column("status", Text()).server_default("new"),
                                       });
          }) == "CREATE TABLE users (\n"
                "    id SERIAL NOT NULL,\n"
                "    email VARCHAR(255) NOT NULL,\n"
                "    created TIMESTAMP WITH TIME ZONE DEFAULT now(),\n"
                "    status TEXT DEFAULT 'new',\n"
                "    PRIMARY KEY (id),\n"
                "    UNIQUE (email)\n"
                ");\n");
}

TEST_CASE("a composite primary key is not SERIAL, autoincrement(false) keeps INTEGER") {
    CHECK(sql_of([](ops& op) {
              op.create_table("pairs", {Column("a", Integer()).primary_key(), Column("b", BigInteger()).primary_key()});
          }) == "CREATE TABLE pairs (\n    a INTEGER NOT NULL,\n    b BIGINT NOT NULL,\n    PRIMARY KEY (a, b)\n);\n");
    CHECK(sql_of([](ops& op) { op.create_table("t", {Column("id", Integer()).primary_key().autoincrement(false)}); }) ==
          "CREATE TABLE t (\n    id INTEGER NOT NULL,\n    PRIMARY KEY (id)\n);\n");
}

TEST_CASE("types render as SQLAlchemy renders them for PostgreSQL") {
    CHECK(render::render_type(SmallInteger()) == "SMALLINT");
    CHECK(render::render_type(Numeric(10, 2)) == "NUMERIC(10, 2)");
    CHECK(render::render_type(Numeric()) == "NUMERIC");
    CHECK(render::render_type(Float()) == "FLOAT");
    CHECK(render::render_type(Double()) == "DOUBLE PRECISION");
    CHECK(render::render_type(String()) == "VARCHAR");
    CHECK(render::render_type(CHAR(3)) == "CHAR(3)");
    CHECK(render::render_type(DateTime()) == "TIMESTAMP WITHOUT TIME ZONE");
    CHECK(render::render_type(Time(true)) == "TIME WITH TIME ZONE");
    CHECK(render::render_type(UUID()) == "UUID");
    CHECK(render::render_type(JSONB()) == "JSONB");
    CHECK(render::render_type(LargeBinary()) == "BYTEA");
    CHECK(render::render_type(ARRAY(Integer())) == "INTEGER[]");
    CHECK(render::render_type(ARRAY(Text(), 2)) == "TEXT[][]");
    CHECK(render::render_type(raw_type("tsvector")) == "tsvector");
    CHECK(render::render_type(Enum("Mood", {"a"})) == "\"Mood\"");
}

TEST_CASE("add_column and drop_column") {
    CHECK(sql_of([](ops& op) { op.add_column("users", Column("name", Text())); }) ==
          "ALTER TABLE users ADD COLUMN name TEXT;\n");
    CHECK(sql_of([](ops& op) { op.add_column("users", Column("n", Integer()).nullable(false).server_default("0")); }) ==
          "ALTER TABLE users ADD COLUMN n INTEGER DEFAULT '0' NOT NULL;\n");
    CHECK(sql_of([](ops& op) { op.drop_column("users", "name"); }) == "ALTER TABLE users DROP COLUMN name;\n");
    CHECK(sql_of([](ops& op) { op.drop_column("users", "name", {.if_exists = true, .cascade = true}); }) ==
          "ALTER TABLE users DROP COLUMN IF EXISTS name CASCADE;\n");
}

TEST_CASE("create_index options") {
    CHECK(sql_of([](ops& op) { op.create_index("ix_users_email", "users", {"email"}); }) ==
          "CREATE INDEX ix_users_email ON users (email);\n");
    CHECK(sql_of([](ops& op) {
              op.create_index("ix", "users", {"lower(email)"},
                              {.unique = true, .where = "deleted_at IS NULL", .method = "btree"});
          }) == "CREATE UNIQUE INDEX ix ON users USING btree (lower(email)) WHERE deleted_at IS NULL;\n");
    auto concurrently = render::render(recorded([](ops& op) {
        op.create_index("ix", "users", {"email"}, {.include = {"id"}, .concurrently = true, .if_not_exists = true});
    }));
    REQUIRE(concurrently.size() == 1);
    CHECK(concurrently[0].sql == "CREATE INDEX CONCURRENTLY IF NOT EXISTS ix ON users (email) INCLUDE (id)");
    CHECK(concurrently[0].autocommit);
    CHECK(sql_of([](ops& op) { op.drop_index("ix_users_email"); }) == "DROP INDEX ix_users_email;\n");
}

TEST_CASE("foreign keys: create_foreign_key, inline and table-level") {
    CHECK(sql_of([](ops& op) {
              op.create_foreign_key("fk_orders_user", "orders", "users", {"user_id"}, {"id"}, {.ondelete = "CASCADE"});
          }) == "ALTER TABLE orders ADD CONSTRAINT fk_orders_user FOREIGN KEY(user_id) REFERENCES users (id) "
                "ON DELETE CASCADE;\n");
    CHECK(sql_of([](ops& op) {
              op.create_table("orders", {Column("id", Integer()).primary_key(),
                                         Column("user_id", Integer()).foreign_key("users.id"),
                                         CheckConstraint("id > 0", "ck_id")});
          }) == "CREATE TABLE orders (\n    id SERIAL NOT NULL,\n    user_id INTEGER,\n    PRIMARY KEY (id),\n"
                "    CONSTRAINT ck_id CHECK (id > 0),\n    FOREIGN KEY(user_id) REFERENCES users (id)\n);\n");
    CHECK(sql_of([](ops& op) { op.drop_constraint("fk_orders_user", "orders"); }) ==
          "ALTER TABLE orders DROP CONSTRAINT fk_orders_user;\n");
}

TEST_CASE("drop_table, schemas and raw SQL") {
    CHECK(sql_of([](ops& op) { op.drop_table("users"); }) == "DROP TABLE users;\n");
    CHECK(sql_of([](ops& op) { op.drop_table("order", {.schema = "shop", .if_exists = true}); }) ==
          "DROP TABLE IF EXISTS shop.\"order\";\n");
    CHECK(sql_of([](ops& op) { op.execute("UPDATE users SET a = 1"); }) == "UPDATE users SET a = 1;\n");
}

#include <retort/canonical.hpp>

TEST_CASE("the canonical text changes with what a revision does, and only with that") {
    auto a = canonical_text(record([](ops& op) { op.add_column("t", Column("c", Integer())); }));
    auto same = canonical_text(record([](ops& op) { op.add_column("t", Column("c", Integer())); }));
    auto other = canonical_text(record([](ops& op) { op.add_column("t", Column("c", BigInteger())); }));
    auto forged = canonical_text(record([](ops& op) { op.execute("x;name=y"); }));
    CHECK(a == same);
    CHECK(a != other);
    CHECK(forged == "execute:sql=x\\;name\\=y;\n");
}
