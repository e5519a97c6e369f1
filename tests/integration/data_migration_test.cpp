// The example project's data migration (migrations/712d8a8b62fc): add a nullable column, fill it
// from the rows already there, then require it.
#include "postgres.hpp"
#include "process.hpp"

#include <doctest/doctest.h>

using namespace retort::test;

TEST_CASE("the example data migration fills existing rows before it requires the column") {
    scratch_database db("example_data_migration");
    auto runner = [&](std::vector<std::string> args) {
        args.insert(args.begin(), {build_dir() + "/runner", "-d", db.url()});
        return run(args, {{"DATABASE_URL", ""}, {"PGPASSWORD", ""}});
    };
    auto before = runner({"upgrade", "c05e7a93f1d2"});
    REQUIRE_MESSAGE(before.exit_code == 0, before.err);
    db.exec("INSERT INTO users (email) VALUES ('Ada@example.com'), ('grace@example.com')");

    auto up = runner({"upgrade", "712d8a8b62fc"});
    REQUIRE_MESSAGE(up.exit_code == 0, up.err);
    CHECK(db.column("SELECT handle FROM users ORDER BY id") == std::vector<std::string>{"ada-1", "grace-2"});
    CHECK(db.value("SELECT is_nullable FROM information_schema.columns WHERE table_name = 'users' AND "
                   "column_name = 'handle'") == "NO");

    auto down = runner({"downgrade", "-1"});
    REQUIRE_MESSAGE(down.exit_code == 0, down.err);
    CHECK(db.value("SELECT count(*) FROM information_schema.columns WHERE column_name = 'handle'") == "0");
}
