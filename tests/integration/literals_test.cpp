// Every literal Retort writes is stored exactly as written, whatever the database's
// standard_conforming_strings says: online, and through `--sql` run by psql (issue 13, item 1).
#include "postgres.hpp"
#include "process.hpp"

#include <doctest/doctest.h>

#include <fstream>

using namespace retort::test;

namespace {
std::string literals_runner() { return build_dir() + "/tests/runner_literals"; }

const std::string tricky = "C:\\dir\\'; DROP TABLE orders; --";

bool orders_exists(const scratch_database& db) { return db.value("SELECT to_regclass('orders') IS NOT NULL") == "t"; }

/// Applies tests/fixtures/literals online or as a psql script.
void apply(const scratch_database& db, bool online) {
    if (online) {
        auto r = run({literals_runner(), "-d", db.url(), "upgrade", "head"});
        CHECK_MESSAGE(orders_exists(db), "the table comment's text ran as SQL");
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        return;
    }
    auto sql = run({literals_runner(), "upgrade", "head", "--sql"});
    REQUIRE_MESSAGE(sql.exit_code == 0, sql.err);
    CHECK(sql.out.rfind("SET standard_conforming_strings = on;\n", 0) == 0);
    std::string path = build_dir() + "/" + db.name() + ".sql";
    std::ofstream(path) << sql.out;
    auto psql = run({test_server().bin_dir + "/psql", "-X", "-v", "ON_ERROR_STOP=1", "-q", "-f", path, db.url()});
    CHECK_MESSAGE(orders_exists(db), "the table comment's text ran as SQL");
    REQUIRE_MESSAGE(psql.exit_code == 0, psql.err);
}

void check_every_literal(const scratch_database& db) {
    auto tables = db.tables();
    std::erase(tables, "retort_history");  // --sql keeps no history
    CHECK(tables == std::vector<std::string>{"notes", "orders", "retort_version"});
    CHECK(db.value("SELECT obj_description('notes'::regclass, 'pg_class')") == tricky);
    CHECK(db.value("SELECT col_description('notes'::regclass, 2)") == tricky);
    CHECK(db.value("SELECT col_description('notes'::regclass, 3)") == "a\\'b");
    CHECK(db.column("SELECT enumlabel FROM pg_enum WHERE enumtypid = 'mood'::regtype ORDER BY enumsortorder") ==
          std::vector<std::string>{"c\\'d", "e\\'f", "plain\\"});
    CHECK(db.column("SELECT body FROM notes ORDER BY id") == std::vector<std::string>{tricky, "back\\slash\\", tricky});
    db.exec("INSERT INTO notes (id) VALUES (4)");
    CHECK(db.value("SELECT body || '|' || extra FROM notes WHERE id = 4") == tricky + "|x\\'y");
    CHECK(db.value("SELECT version_num FROM retort_version") == "11e7a1000002");
}
}  // namespace

TEST_CASE("literals are stored exactly with standard_conforming_strings off and on, online and through --sql") {
    for (const char* setting : {"off", "on"})
        for (bool online : {true, false}) {
            CAPTURE(setting);
            CAPTURE(online);
            scratch_database db(std::string("it_literals_") + setting + (online ? "_online" : "_offline"));
            db.exec("CREATE TABLE orders (id INT)");
            db.exec("ALTER DATABASE " + db.name() + " SET standard_conforming_strings = " + setting);
            apply(db, online);
            check_every_literal(db);
            if (online) {
                // The history row went through the same quoting.
                CHECK(db.value("SELECT runner_version FROM retort_history") != "");
                CHECK(db.value("SELECT direction FROM retort_history") == "upgrade");
            }
        }
}
