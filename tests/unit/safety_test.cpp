// Pure parts of the live-database guards: the lock key, the checksum, the guarded program.
#include "core/checksum.hpp"
#include "db/guarded_sink.hpp"
#include "db/lock.hpp"

#include <retort/operations.hpp>

#include <doctest/doctest.h>

using namespace retort;

TEST_CASE("the migration lock key is fixed: FNV-1a of retort:<database>:<schema>.<table>") {
    // Changing this number would let runners of two releases migrate one database at once.
    CHECK(db::migration_lock_key("app", "public", "retort_version") == -7374601215809986866LL);
    CHECK(db::migration_lock_key("app", "public", "alembic_version") !=
          db::migration_lock_key("app", "public", "retort_version"));
    CHECK(db::migration_lock_key("app", "audit", "retort_version") !=
          db::migration_lock_key("app", "public", "retort_version"));
    CHECK(db::migration_lock_key("other", "public", "retort_version") !=
          db::migration_lock_key("app", "public", "retort_version"));
}

TEST_CASE("SHA-256 comes from libcrypto") {
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

namespace {
void up_a(ops& op) { op.create_table("t", {Column("id", Integer())}); }
void up_b(ops& op) { op.create_table("t", {Column("id", BigInteger())}); }
void down(ops& op) { op.drop_table("t"); }
void down_b(ops& op) { op.drop_table("t", {.cascade = true}); }
}  // namespace

TEST_CASE("a revision's checksum follows its operations, both directions") {
    revision_body a{up_a, down, "a.cpp"}, same{up_a, down, "elsewhere.cpp"}, b{up_b, down, "b.cpp"},
        c{up_a, down_b, "c.cpp"};
    CHECK(revision_checksum("x", a) == revision_checksum("x", same));
    CHECK(revision_checksum("x", a) != revision_checksum("x", b));
    CHECK(revision_checksum("x", a) != revision_checksum("x", c));
    CHECK(revision_checksum("x", a).size() == 64);
}

TEST_CASE("guard: SET LOCAL timeouts open every transactional block, the history row ends the last") {
    plan::step_program p;
    p.revision = "r1";
    p.blocks = {{true, {{"CREATE TABLE a (id INTEGER)"}}}, {false, {{"CREATE INDEX CONCURRENTLY ix ON a (id)", true}}},
                {true, {{"UPDATE v SET x = 1"}}}};
    db::guard_settings settings;
    settings.lock_timeout = "2s";
    auto g = db::guard(p, settings, {"INSERT INTO retort_history VALUES (1)"});
    REQUIRE(g.blocks.size() == 3);
    CHECK(g.blocks[0].statements[0].sql == "SET LOCAL lock_timeout = '2s'");
    CHECK(g.blocks[0].statements[1].sql == "SET LOCAL statement_timeout = '0'");
    CHECK(g.blocks[1].statements.size() == 1);
    CHECK(g.blocks[2].statements.back().sql == "INSERT INTO retort_history VALUES (1)");
    CHECK(g.blocks[0].statements.back().sql == "CREATE TABLE a (id INTEGER)");
}

TEST_CASE("--single-transaction refuses a plan with an autocommit block") {
    plan::step_program plain, concurrent;
    plain.revision = "r1";
    plain.blocks = {{true, {{"CREATE TABLE a (id INTEGER)"}}}};
    concurrent.revision = "r2";
    concurrent.blocks = {{false, {{"CREATE INDEX CONCURRENTLY ix ON a (id)", true}}}};
    auto one = db::single_transaction({plain, plain});
    CHECK(one.blocks.size() == 1);
    CHECK(one.blocks[0].statements.size() == 2);
    CHECK_THROWS_WITH(db::single_transaction({plain, concurrent}),
                      doctest::Contains("--single-transaction cannot run revision r2"));
}
