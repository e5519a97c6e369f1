// The production checklist without a database: the privileges a plan needs, pg_dump's version.
#include "plan/privilege_needs.hpp"

#include <doctest/doctest.h>

using namespace retort;
using kind_t = plan::privilege_need::kind_t;

namespace doctest {
template <> struct StringMaker<std::vector<std::string>> {
    static String convert(const std::vector<std::string>& v) {
        std::string s;
        for (const auto& x : v) s += "[" + x + "]";
        return s.c_str();
    }
};
}  // namespace doctest

namespace {
plan::privilege_needs needs_of(void (*fn)(ops&)) {
    plan::privilege_collector c;
    c.add("r1", record(fn));
    return c.result();
}

std::vector<std::string> summary(const plan::privilege_needs& n) {
    std::vector<std::string> out;
    for (const auto& x : n.needs) {
        const char* k = x.kind == kind_t::create_in_schema     ? "create-in-schema"
                        : x.kind == kind_t::create_in_database ? "create-in-database"
                        : x.kind == kind_t::ownership          ? "own"
                        : x.kind == kind_t::references         ? "references"
                        : x.kind == kind_t::update             ? "update"
                                                               : "insert";
        out.push_back(std::string(k) + " " + x.object_kind + " " + x.schema + "." + x.name);
    }
    return out;
}
}  // namespace

TEST_CASE("privilege needs: new objects need CREATE, changed objects ownership, foreign keys REFERENCES") {
    auto n = needs_of([](ops& op) {
        op.create_table("orders", {Column("id", Integer()).primary_key(),
                                   Column("user_id", Integer()).foreign_key("users.id"),
                                   Column("state", Enum("order_state", {"new", "paid"}))});
        op.add_column("users", Column("nick", Text()));
        op.create_index("ix_users_nick", "users", {"nick"});
        op.create_foreign_key("fk_audit_user", "audit", "users", {"user_id"}, {"id"}, {.referent_schema = "app"});
        op.create_table_comment("orders", "placed orders");
        op.drop_index("ix_old", {.schema = "app"});
        op.execute("CREATE SCHEMA reports");
        op.create_table("totals", {Column("n", Integer())}, {.schema = "reports"});
        op.execute("UPDATE users SET nick = 'x'");
    });
    CHECK(summary(n) == std::vector<std::string>{
                            "create-in-schema schema .",           // orders
                            "references table .users",             // orders.user_id
                            "create-in-schema schema .",           // orders.state's enum type
                            "own table .users",                    // add_column
                            "own table .users",                    // create_index…
                            "create-in-schema schema .",           // …in the table's schema
                            "own table .audit",                    // create_foreign_key…
                            "references table app.users",          // …to app.users
                            "own index app.ix_old",                // drop_index
                            "create-in-database database .",       // CREATE SCHEMA
                        });
    // The comment is on a table the plan created; the new schema is the role's own.
    REQUIRE(n.unchecked.size() == 1);
    CHECK(n.unchecked[0].statement == "UPDATE users SET nick = 'x'");
    CHECK(n.needs[3].statement.rfind("ALTER TABLE users ADD COLUMN nick TEXT", 0) == 0);
    CHECK(n.needs[3].revision == "r1");
}

TEST_CASE("privilege needs: a table created earlier in the plan, even renamed, needs no ownership check") {
    plan::privilege_collector c;
    c.add("r1", record([](ops& op) { op.create_table("t", {Column("id", Integer())}); }));
    c.add("r2", record([](ops& op) {
        op.rename_table("t", "t2");
        op.add_column("t2", Column("x", Integer()));
        op.bulk_insert("t2", {"id"}, {{1}});
        op.bulk_insert("other", {"id"}, {{1}});
        op.drop_table("t2");
    }));
    CHECK(summary(c.result()) == std::vector<std::string>{"create-in-schema schema .", "insert table .other"});
}

TEST_CASE("privilege needs of the safe recipes: ownership, the recipe's own index, UPDATE for a backfill") {
    CHECK(summary(needs_of([](ops& op) {
              op.set_not_null("app.people", "email");
              op.create_unique_constraint("uq_people_email", "people", {"email"}, {.concurrently = true});
              op.backfill("people", "name = upper(email)", "");
          })) == std::vector<std::string>{"own table app.people", "own table .people", "create-in-schema schema .",
                                          "update table .people"});
    plan::privilege_collector c;
    c.add("r1", record([](ops& op) { op.create_table("t", {Column("id", Integer())}); }));
    c.add("r2", record([](ops& op) { op.backfill("t", "id = id", ""); }));
    CHECK(summary(c.result()) == std::vector<std::string>{"create-in-schema schema ."});
}

#include "db/backup.hpp"

TEST_CASE("pg_dump's major version is read off its --version line") {
    CHECK(db::pg_dump_major("pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)\n") == 15);
    CHECK(db::pg_dump_major("pg_dump (PostgreSQL) 9.6.24") == 9);
    CHECK(db::pg_dump_major("something else") == 0);
}
