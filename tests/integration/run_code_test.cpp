// op.run_code: C++ against the live connection inside the revision's transaction, and --sql
// refusing such a revision by name.
#include "postgres.hpp"
#include "process.hpp"

#include <doctest/doctest.h>

using namespace retort::test;

namespace {
std::string runner() { return build_dir() + "/tests/runner_run_code"; }

run_result runner_on(const scratch_database& db, std::vector<std::string> args) {
    args.insert(args.begin(), {runner(), "-d", db.url()});
    return run(args, {{"DATABASE_URL", ""}, {"PGPASSWORD", ""}});
}
}  // namespace

TEST_CASE("run_code reads, computes and writes in the revision's transaction") {
    scratch_database db("run_code_ok");
    auto up = runner_on(db, {"upgrade", "head"});
    REQUIRE_MESSAGE(up.exit_code == 0, up.err);
    CHECK(db.column("SELECT label || '=' || cents || ':' || rounded FROM prices ORDER BY id") ==
          std::vector<std::string>{"tea=300:true", "cake=2000:true", "soup=100:true", "note: rounded=0:false"});
}

TEST_CASE("a run_code that throws rolls its revision back and names it") {
    scratch_database db("run_code_throws");
    REQUIRE(runner_on(db, {"upgrade", "head"}).exit_code == 0);
    auto down = runner_on(db, {"downgrade", "-1"});
    CHECK(down.exit_code == 1);
    CHECK(down.err.find("revision d0c0de000002 failed and was rolled back: its run_code threw: the pricing service "
                        "said no") != std::string::npos);
    CHECK(db.value("SELECT sum(cents) FROM prices") == "2400");
    CHECK(db.value("SELECT version_num FROM retort_version") == "d0c0de000002");
}

TEST_CASE("--sql refuses a revision that runs C++ code, in one line naming it, and prints nothing") {
    auto r = run({runner(), "upgrade", "head", "--sql"});
    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());
    CHECK(r.err == "error: revision d0c0de000002 runs C++ code against the database (op.run_code), which --sql cannot "
                   "print; run it online, or print a range that leaves it out\n");
    auto before = run({runner(), "upgrade", "d0c0de000001", "--sql"});
    CHECK(before.exit_code == 0);
    CHECK(before.out.find("INSERT INTO prices (label, cents) VALUES ('tea', 250),\n    ('cake', 1999),\n    ('soup', 4);") !=
          std::string::npos);
}
