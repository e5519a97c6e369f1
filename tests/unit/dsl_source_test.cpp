// autogen::dsl_source: the exact text a generated revision shows, and what it refuses to print.
// (That the text records the same operations is proved by compiling it: tests/roundtrip.)
#include "autogen/dsl_source.hpp"

#include "core/errors.hpp"

#include <retort/operations.hpp>

#include <doctest/doctest.h>

using namespace retort;
using autogen::dsl_source;

TEST_CASE("dsl_source: calls as a person writes them, default options left out") {
    CHECK(dsl_source(record([](ops& op) {
              op.create_table("users", {Column("id", Integer()).primary_key(), Column("email", String(255)).nullable(false)});
              op.create_index("ix_users_email", "users", {"email"}, {.unique = true});
              op.drop_column("users", "nick", {.schema = "app"});
              op.alter_column("users", "age", {.type = BigInteger(), .using_expression = "age::bigint"});
          })) == "    op.create_table(\"users\", {\n"
                 "        Column(\"id\", Integer()).primary_key(),\n"
                 "        Column(\"email\", String(255)).nullable(false),\n"
                 "    });\n"
                 "    op.create_index(\"ix_users_email\", \"users\", {\"email\"}, {.unique = true});\n"
                 "    op.drop_column(\"users\", \"nick\", {.schema = \"app\"});\n"
                 "    op.alter_column(\"users\", \"age\", {.type = BigInteger(), .using_expression = \"age::bigint\"});\n");
}

TEST_CASE("dsl_source: multi-line SQL as a raw string, autocommit blocks as a scope") {
    CHECK(dsl_source(record([](ops& op) {
              op.execute("CREATE VIEW v AS\n SELECT 1");
              auto block = op.autocommit_block();
              op.create_index("ix", "t", {"a"}, {.concurrently = true});
          }), "") == "op.execute(R\"sql(CREATE VIEW v AS\n SELECT 1)sql\");\n"
                     "{\n"
                     "    auto block = op.autocommit_block();\n"
                     "    op.create_index(\"ix\", \"t\", {\"a\"}, {.concurrently = true});\n"
                     "}\n");
    CHECK(autogen::cpp_string("a \"b\"\\\t") == "\"a \\\"b\\\"\\\\\\t\"");
    CHECK(autogen::cpp_string("x )sql\"\ny") == "\"x )sql\\\"\\ny\"");
}

TEST_CASE("dsl_source: refuses what no DSL call records") {
    CHECK_THROWS_AS(dsl_source(record([](ops& op) { op.run_code([](connection&) {}); })), error);
    Type timestamp3 = DateTime();
    timestamp3.precision = 3;
    CHECK_THROWS_AS(autogen::type_source(timestamp3), error);
    CHECK(autogen::type_source(ARRAY(Numeric(10), 2)) == "ARRAY(Numeric(10), 2)");
}
