// The schema model without a database: the diff, its one-line descriptions, the canonical SQL
// printer and the line diff of `schema --check`.
#include "schema/diff.hpp"
#include "schema/filter.hpp"
#include "schema/line_diff.hpp"
#include "schema/sql_printer.hpp"

#include <doctest/doctest.h>

using namespace retort::schema;

namespace {

column col(const std::string& name, const std::string& type, bool not_null = false) {
    column c;
    c.name = name;
    c.type = type;
    c.not_null = not_null;
    return c;
}

schema users_schema() {
    schema s;
    table users;
    users.name = {"public", "users"};
    users.columns = {col("id", "integer", true), col("email", "character varying(255)", true)};
    s.tables.push_back(users);
    constraint pk;
    pk.table = users.name;
    pk.name = "users_pkey";
    pk.type = constraint_type::primary_key;
    pk.definition = "PRIMARY KEY (id)";
    pk.columns = {"id"};
    s.constraints.push_back(pk);
    return s;
}

std::vector<std::string> lines(const schema& from, const schema& to) {
    std::vector<std::string> out;
    for (const auto& d : diff(from, to)) out.push_back(describe(d));
    return out;
}

}  // namespace

TEST_CASE("equal models have no differences") {
    CHECK(diff(users_schema(), users_schema()).empty());
    CHECK(users_schema() == users_schema());
}

TEST_CASE("a column's type, nullability and default changes are one line") {
    auto after = users_schema();
    after.tables[0].columns[1].type = "text";
    after.tables[0].columns[1].not_null = false;
    after.tables[0].columns[1].default_expr = "'x'::text";
    auto d = diff(users_schema(), after);
    REQUIRE(d.size() == 1);
    CHECK(d[0].kind == change::changed);
    CHECK(d[0].object_kind == "column");
    CHECK(d[0].name == "public.users.email");
    CHECK(std::get<column>(d[0].before).type == "character varying(255)");
    CHECK(std::get<column>(d[0].after).type == "text");
    CHECK(describe(d[0]) == "~ column public.users.email: varchar(255) → text, not null → null, default none → 'x'::text");
}

TEST_CASE("added and removed objects, in kind order, and a new table's columns go with it") {
    auto after = users_schema();
    after.tables[0].columns.push_back(col("age", "integer"));
    index ix;
    ix.name = {"public", "ix_users_email_lower"};
    ix.table = {"public", "users"};
    ix.definition = "CREATE INDEX ix_users_email_lower ON public.users USING btree (lower((email)::text))";
    after.indexes.push_back(ix);
    table audit;
    audit.name = {"audit", "log"};
    audit.columns = {col("at", "timestamp with time zone")};
    after.tables.insert(after.tables.begin(), audit);
    after.constraints.clear();
    CHECK(lines(users_schema(), after) == std::vector<std::string>{"+ table audit.log", "+ column public.users.age integer",
                                                                   "- constraint public.users.users_pkey",
                                                                   "+ index public.ix_users_email_lower"});
    CHECK(lines(after, users_schema()).front() == "- table audit.log");
}

TEST_CASE("a different order of the same columns is a change of the table") {
    auto after = users_schema();
    std::swap(after.tables[0].columns[0], after.tables[0].columns[1]);
    CHECK(lines(users_schema(), after) == std::vector<std::string>{"~ table public.users: column order id,email → email,id"});
}

TEST_CASE("enum values in another order, a view's definition, a function's comment") {
    schema a, b;
    a.enums.push_back({{"public", "mood"}, {"sad", "happy"}, ""});
    b.enums.push_back({{"public", "mood"}, {"sad", "ok", "happy"}, ""});
    a.views.push_back({{"public", "v"}, false, " SELECT 1;", "", {}, ""});
    b.views.push_back({{"public", "v"}, false, " SELECT 2;", "", {}, ""});
    a.functions.push_back({{"public", "f"}, "x integer", false, "CREATE FUNCTION ...", false, ""});
    b.functions.push_back({{"public", "f"}, "x integer", false, "CREATE FUNCTION ...", false, "adds one"});
    b.functions.push_back({{"public", "f"}, "x text", true, "CREATE PROCEDURE ...", false, ""});
    CHECK(lines(a, b) == std::vector<std::string>{"~ enum public.mood: (sad, happy) → (sad, ok, happy)",
                                                  "~ view public.v: definition changed",
                                                  "~ function public.f(x integer): comment none → adds one",
                                                  "+ procedure public.f(x text)"});
}

TEST_CASE("types are shown as people write them") {
    CHECK(short_type("character varying(255)") == "varchar(255)");
    CHECK(short_type("character varying[]") == "varchar[]");
    CHECK(short_type("character(2)") == "char(2)");
    CHECK(short_type("timestamp(3) with time zone") == "timestamptz(3)");
    CHECK(short_type("timestamp without time zone[]") == "timestamp[]");
    CHECK(short_type("time with time zone") == "timetz");
    CHECK(short_type("numeric(12,2)") == "numeric(12,2)");
    CHECK(short_type("public.character_set") == "public.character_set");
}

TEST_CASE("canonical SQL: types, tables, keys before foreign keys, views after what they read, comments last") {
    auto s = users_schema();
    s.namespaces.push_back({"audit", ""});
    s.enums.push_back({{"public", "mood"}, {"sad", "it's ok"}, "feelings"});
    table orders;
    orders.name = {"public", "orders"};
    column id = col("id", "bigint", true);
    id.identity_spec = identity{true, {"bigint", 10, 1, 1, 9223372036854775807, 1, false}};
    orders.columns = {id, col("user_id", "integer")};
    orders.columns[1].comment = "who";
    s.tables.insert(s.tables.begin(), orders);
    constraint fk;
    fk.table = orders.name;
    fk.name = "fk_orders_user";
    fk.type = constraint_type::foreign_key;
    fk.definition = "FOREIGN KEY (user_id) REFERENCES public.users(id)";
    s.constraints.insert(s.constraints.begin(), fk);
    s.views.push_back({{"public", "b_view"}, false, " SELECT 1 FROM public.a_view;", "", {{"public", "a_view"}}, ""});
    s.views.push_back({{"public", "a_view"}, true, " SELECT 1;", "", {}, ""});
    CHECK(canonical_sql(s) ==
          "-- The schema at head, written by `runner schema`: canonical, one object per statement.\n"
          "-- Function bodies are checked when they run, not when this file creates them (as pg_dump does).\n"
          "SET check_function_bodies = false;\n"
          "\nCREATE SCHEMA audit;\n"
          "\nCREATE TYPE public.mood AS ENUM ('sad', 'it''s ok');\n"
          "\nCREATE TABLE public.orders (\n"
          "    id bigint GENERATED ALWAYS AS IDENTITY (START WITH 10) NOT NULL,\n"
          "    user_id integer\n"
          ");\n"
          "\nCREATE TABLE public.users (\n"
          "    id integer NOT NULL,\n"
          "    email character varying(255) NOT NULL\n"
          ");\n"
          "\nALTER TABLE public.users ADD CONSTRAINT users_pkey PRIMARY KEY (id);\n"
          "\nALTER TABLE public.orders ADD CONSTRAINT fk_orders_user FOREIGN KEY (user_id) REFERENCES public.users(id);\n"
          "\nCREATE MATERIALIZED VIEW public.a_view AS\n SELECT 1\n  WITH NO DATA;\n"
          "\nCREATE VIEW public.b_view AS\n SELECT 1 FROM public.a_view;\n"
          "\nCOMMENT ON TYPE public.mood IS 'feelings';\n"
          "COMMENT ON COLUMN public.orders.user_id IS 'who';\n");
}

TEST_CASE("canonical SQL: partitions after their table, a partitioned index without ONLY, unmodelled objects named") {
    schema s;
    table parent, part;
    parent.name = {"public", "events"};
    parent.columns = {col("at", "date", true)};
    parent.partition_key = "RANGE (at)";
    part.name = {"public", "a_events_2026"};
    part.columns = parent.columns;
    part.partition_of = parent.name;
    part.partition_bound = "FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')";
    s.tables = {part, parent};
    index ix;
    ix.name = {"public", "ix_events_at"};
    ix.table = parent.name;
    ix.definition = "CREATE INDEX ix_events_at ON ONLY public.events USING btree (at)";
    s.indexes.push_back(ix);
    s.not_modelled.push_back({"rule", "public.events.r"});
    auto sql = canonical_sql(s);
    CHECK(sql.find("CREATE TABLE public.events (\n    at date NOT NULL\n) PARTITION BY RANGE (at);\n\n"
                   "CREATE TABLE public.a_events_2026 PARTITION OF public.events FOR VALUES FROM ('2026-01-01') TO "
                   "('2027-01-01');\n") != std::string::npos);
    CHECK(sql.find("CREATE INDEX ix_events_at ON public.events USING btree (at);\n") != std::string::npos);
    CHECK(sql.find("-- not modelled: rule public.events.r\n") != std::string::npos);
}

TEST_CASE("sequence options: only what differs from PostgreSQL's defaults") {
    schema s;
    s.sequences.push_back({{"public", "plain"}, {}, "", ""});
    s.sequences.push_back({{"public", "small"}, {"integer", 1000, 5, 1, 2147483647, 10, false}, "", ""});
    s.sequences.push_back({{"public", "down"}, {"bigint", -1, -1, INT64_MIN, -1, 1, true}, "", ""});
    auto sql = canonical_sql(s);
    CHECK(sql.find("CREATE SEQUENCE public.plain;\n") != std::string::npos);
    CHECK(sql.find("CREATE SEQUENCE public.small AS integer START WITH 1000 INCREMENT BY 5 CACHE 10;\n") !=
          std::string::npos);
    CHECK(sql.find("CREATE SEQUENCE public.down INCREMENT BY -1 CYCLE;\n") != std::string::npos);
}

TEST_CASE("line diff: the changed lines only, grouped, with the line they start at") {
    CHECK(line_diff("a\nb\nc\n", "a\nb\nc\n").empty());
    CHECK(line_diff("a\nb\nc\nd\n", "a\nx\nc\nd\ne\n") ==
          std::vector<std::string>{"@@ line 2 @@", "+x", "-b", "@@ line 5 @@", "+e"});
    CHECK(line_diff("a\n", "a") == std::vector<std::string>{"@@ the texts differ only in line endings or the final newline @@"});
}

TEST_CASE("one tenant schema's part of a model: its objects and objects on its tables only") {
    schema s;
    for (const char* ns : {"tenant_a", "tenant_b"}) {
        s.namespaces.push_back({ns, ""});
        table t;
        t.name = {ns, "users"};
        s.tables.push_back(t);
        index i;
        i.name = {ns, "ix_users"};
        i.table = t.name;
        s.indexes.push_back(i);
        constraint c;
        c.table = t.name;
        c.name = "users_pkey";
        s.constraints.push_back(c);
        s.not_modelled.push_back({"aggregate", std::string(ns) + ".total(integer)"});
    }
    s.extensions.push_back({"pgcrypto", "public", "1.3"});
    auto a = only_schema(s, "tenant_a");
    CHECK(a.namespaces.size() == 1);
    REQUIRE(a.tables.size() == 1);
    CHECK(a.tables[0].name.schema == "tenant_a");
    CHECK(a.indexes.size() == 1);
    CHECK(a.constraints.size() == 1);
    CHECK(a.not_modelled.size() == 1);
    CHECK(a.extensions.empty());
    CHECK(diff(only_schema(s, "tenant_b"), a).size() > 0);
    CHECK(only_schema(s, "tenant_c") == schema{});
}
