// The safe recipes' SQL and how their steps are grouped into transactions.
#include "plan/program.hpp"
#include "recorded_sql.hpp"

#include <doctest/doctest.h>

using namespace retort;
using retort::test::sql_of;

namespace {
/// The blocks a revision body becomes: "T2 A1 T1" (transactional with 2 statements, autocommit...).
std::string shape(void (*fn)(ops&)) {
    std::string out;
    for (const auto& b : plan::group_statements(render::render(record(fn)), {}))
        out += (out.empty() ? "" : " ") + std::string(b.transactional ? "T" : "A") + std::to_string(b.statements.size());
    return out;
}
}  // namespace

TEST_CASE("set_not_null: a NOT VALID check, its validation and SET NOT NULL, each committed on its own") {
    auto body = [](ops& op) { op.set_not_null("app.people", "email"); };
    CHECK(sql_of(body) ==
          "ALTER TABLE app.people DROP CONSTRAINT IF EXISTS people_email_not_null, ADD CONSTRAINT people_email_not_null "
          "CHECK (email IS NOT NULL) NOT VALID;\n"
          "ALTER TABLE app.people VALIDATE CONSTRAINT people_email_not_null;\n"
          "ALTER TABLE app.people ALTER COLUMN email SET NOT NULL;\n"
          "ALTER TABLE app.people DROP CONSTRAINT people_email_not_null;\n");
    CHECK(shape(body) == "T1 T1 T2");
    CHECK(shape([](ops& op) {
              op.add_column("people", Column("x", Integer()));
              op.set_not_null("people", "email");
              op.drop_column("people", "y");
          }) == "T1 T1 T1 T3");
}

TEST_CASE("validate_constraint after the same revision's NOT VALID constraint runs in its own transaction") {
    CHECK(shape([](ops& op) {
              op.create_foreign_key("fk", "t", "u", {"a"}, {"id"}, {.not_valid = true});
              op.validate_constraint("fk", "t");
          }) == "T1 T1");
    CHECK(shape([](ops& op) {
              op.create_foreign_key("fk", "t", "u", {"a"}, {"id"});
              op.validate_constraint("other", "t");
          }) == "T2");
}

TEST_CASE("unique constraints from a concurrently built index, or from an existing one") {
    auto built = [](ops& op) {
        op.create_unique_constraint("uq_email", "people", {"email"}, {.schema = "app", .concurrently = true});
    };
    CHECK(sql_of(built) == "CREATE UNIQUE INDEX CONCURRENTLY uq_email ON app.people (email);\n"
                           "ALTER TABLE app.people ADD CONSTRAINT uq_email UNIQUE USING INDEX uq_email;\n");
    CHECK(shape(built) == "A1 T1");
    CHECK(sql_of([](ops& op) {
              op.create_unique_constraint("uq", "people", {}, {.deferrable = true, .using_index = "ux"});
          }) == "ALTER TABLE people ADD CONSTRAINT uq UNIQUE USING INDEX ux DEFERRABLE;\n");
}

TEST_CASE("backfill is one autocommit statement that describes its batches") {
    auto body = [](ops& op) { op.backfill("people", "name = upper(email)", "name IS NULL", {.batch_rows = 500}); };
    auto statements = render::render(record(body));
    REQUIRE(statements.size() == 1);
    CHECK(statements[0].sql ==
          "-- backfill in batches of 500 rows along id: UPDATE people SET name = upper(email) WHERE name IS NULL");
    CHECK(statements[0].autocommit);
    REQUIRE(statements[0].backfill);
    CHECK(statements[0].backfill->key == "id");
}
