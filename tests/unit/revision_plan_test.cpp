// autogen::plan_operations on models built in memory: the decisions a reviewer reads in the
// written revision (renames, never-guessed columns, enum additions, USING). Applying the plans to
// a real server is tests/autogen's corpus test.
#include "autogen/revision_plan.hpp"

#include <retort/canonical.hpp>

#include <doctest/doctest.h>

using namespace retort;
namespace sm = retort::schema;

namespace {

sm::column col(std::string name, std::string type, std::string base, bool not_null = false) {
    sm::column c;
    c.name = std::move(name);
    c.type = std::move(type);
    c.base_type = {"pg_catalog", std::move(base)};
    c.not_null = not_null;
    return c;
}

sm::table users(std::string name = "users") {
    sm::table t;
    t.name = {"public", std::move(name)};
    t.columns = {col("id", "integer", "int4", true), col("name", "text", "text")};
    return t;
}

std::string body(const sm::schema& from, const sm::schema& to) {
    return autogen::body_source(autogen::plan_operations(from, to));
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("plan: a table identical but for its name is renamed, one moved is SET SCHEMA") {
    sm::schema a, b;
    a.tables = {users()};
    b.tables = {users("accounts")};
    CHECK(has(body(a, b), "op.rename_table(\"users\", \"accounts\");"));
    b.tables = {users()};
    b.tables[0].name.schema = "archive";
    b.namespaces = {{"archive", ""}};
    auto moved = body(a, b);
    // The new schema first: the table moves into it.
    CHECK(has(moved, "    op.execute(\"CREATE SCHEMA archive\");\n"
                     "    // the table public.users moves to schema archive\n"
                     "    op.execute(\"ALTER TABLE public.users SET SCHEMA archive\");\n"));
}

TEST_CASE("plan: a column is never guessed renamed: drop and add, with a comment suggesting alter_column") {
    sm::schema a, b;
    a.tables = {users()};
    b.tables = {users()};
    b.tables[0].columns[1].name = "full_name";
    auto text = body(a, b);
    CHECK(has(text, "// if name was renamed to full_name, replace this drop and the add below with "
                    "op.alter_column(\"users\", \"name\", {.new_column_name = \"full_name\"}) to keep the data\n"
                    "    op.drop_column(\"users\", \"name\");\n"
                    "    op.add_column(\"users\", Column(\"full_name\", Text()));"));
    CHECK(has(text, "please review and adjust"));
}

TEST_CASE("plan: enum values added in place next to their neighbours, in an autocommit block") {
    sm::schema a, b;
    a.enums = {{{"public", "mood"}, {"happy", "sad"}, ""}};
    b.enums = {{{"public", "mood"}, {"ecstatic", "happy", "calm", "sad"}, ""}};
    CHECK(body(a, b) == "    // ### written by runner autogenerate - please review and adjust! ###\n"
                        "    {\n"
                        "        auto block = op.autocommit_block();\n"
                        "        op.add_enum_value(\"mood\", \"ecstatic\", {.before = \"happy\"});\n"
                        "        op.add_enum_value(\"mood\", \"calm\", {.after = \"happy\"});\n"
                        "    }\n"
                        "    // ### end of the written operations ###\n");
    b.enums[0].values = {"sad", "happy"};
    CHECK(has(body(a, b), "op.execute(\"ALTER TYPE public.mood RENAME TO mood_old\");"));
}

TEST_CASE("plan: a type change of the base type gets USING, a longer varchar does not, nothing to do is said") {
    sm::schema a, b;
    a.tables = {users()};
    b.tables = {users()};
    b.tables[0].columns[1] = col("name", "integer", "int4");
    CHECK(has(body(a, b), "op.alter_column(\"users\", \"name\", {.type = Integer(), .using_expression = \"name::integer\"});"));
    a.tables[0].columns[1] = col("name", "character varying(20)", "varchar");
    a.tables[0].columns[1].typmod = 24;
    b.tables[0].columns[1] = col("name", "character varying(40)", "varchar");
    b.tables[0].columns[1].typmod = 44;
    CHECK(has(body(a, b), "op.alter_column(\"users\", \"name\", {.type = String(40)});"));
    CHECK(has(body(a, a), "// nothing to do: the schemas are equal"));
}
