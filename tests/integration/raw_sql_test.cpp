// op.execute with several statements in one string, and with a function body full of ';'.
#include "postgres.hpp"
#include "process.hpp"

#include <doctest/doctest.h>

using namespace retort::test;

TEST_CASE("raw SQL holding several statements runs whole, and a failure among them rolls the revision back") {
    scratch_database db("it_raw_sql");
    std::string runner = build_dir() + "/tests/runner_raw_sql";
    auto first = run({runner, "-d", db.url(), "upgrade", "5ea1500000a1"});
    REQUIRE_MESSAGE(first.exit_code == 0, first.err);
    CHECK(db.value("SELECT ledger_total()") == "12");
    CHECK(db.value("SELECT count(*) FROM audit_a") == "1");
    CHECK(db.value("SELECT to_regclass('audit_b') IS NOT NULL") == "t");

    auto failing = run({runner, "-d", db.url(), "upgrade", "head"});
    CHECK(failing.exit_code == 1);
    CHECK(failing.err.find("revision 5ea1500000b2 failed and was rolled back: ERROR: division by zero") !=
          std::string::npos);
    CHECK(db.value("SELECT to_regclass('audit_c') IS NULL") == "t");
    CHECK(db.column("SELECT version_num FROM retort_version") == std::vector<std::string>{"5ea1500000a1"});

    auto down = run({runner, "-d", db.url(), "downgrade", "base"});
    REQUIRE_MESSAGE(down.exit_code == 0, down.err);
    CHECK(db.value("SELECT count(*) FROM pg_proc WHERE proname = 'ledger_total'") == "0");
    CHECK(db.value("SELECT to_regclass('audit_a') IS NULL") == "t");
}
