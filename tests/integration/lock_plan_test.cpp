// runner plan, --dry-run's lock plan and the lock policy (--max-lock-rows, retort.ini, exit 8) on
// a table with rows: the naive revision is refused, the acknowledged one passes.
#include "postgres.hpp"
#include "process.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>

using namespace retort::test;

namespace {
run_result lockplan(const std::string& url, std::vector<std::string> args) {
    args.insert(args.begin(), {build_dir() + "/tests/runner_lockplan", "-d", url});
    return run(args, {{"DATABASE_URL", ""}});
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("plan shows each statement's table, lock, work and the table's size, and warns over --max-lock-rows") {
    scratch_database db("it_lock_plan");
    REQUIRE(lockplan(db.url(), {"upgrade", "1b1000000001"}).exit_code == 0);
    db.exec("INSERT INTO items SELECT g, 'c' || g, g FROM generate_series(1, 2000) g");
    db.exec("ANALYZE items");

    auto text = lockplan(db.url(), {"plan", "--max-lock-rows", "1000"});
    CHECK_MESSAGE(text.exit_code == 0, text.err);
    CHECK(has(text.out, "upgrade 1b1000000001 -> 1b2000000002, naive index and type change"));
    CHECK(has(text.out, "items                   SHARE                   scan          ~2000 rows, "));
    CHECK(has(text.out, "items                   ACCESS EXCLUSIVE        rewrite       ~2000 rows, "));
    CHECK(has(text.out, "warning: 1b2000000002: CREATE INDEX ix_items_code ON items (code) takes SHARE on items "
                        "(~2000 rows) and scans it: writes wait until it ends (over --max-lock-rows 1000)"));
    CHECK(has(text.out, "warning: 1b2000000002: ALTER TABLE items ALTER COLUMN qty TYPE BIGINT takes ACCESS EXCLUSIVE "
                        "on items (~2000 rows) and rewrites it"));
    CHECK(has(text.out, "note: 1b3000000003: ALTER TABLE items ADD CONSTRAINT ck_items_qty CHECK (qty >= 0) takes "
                        "ACCESS EXCLUSIVE on items (~2000 rows) and scans it: writes wait until it ends (acknowledged: "
                        "runs in the Sunday window)"));
    CHECK_FALSE(has(text.out, "ADD COLUMN note TEXT DEFAULT 'none' takes"));  // catalog-only: no warning

    auto json = lockplan(db.url(), {"plan", "head", "--json", "--max-lock-rows", "1000"});
    REQUIRE_MESSAGE(json.exit_code == 0, json.err);
    auto doc = nlohmann::json::parse(json.out);
    CHECK(doc["format"] == 1);
    CHECK(doc["direction"] == "upgrade");
    CHECK(doc["steps"].size() == 2);
    CHECK(doc["warnings"].size() == 3);
    CHECK(doc["warnings"][2]["acknowledged"] == true);
    const auto& index = doc["steps"][0]["statements"][0];
    CHECK(index["work"] == "scan");
    CHECK(index["tables"][0]["lock"] == "SHARE");
    CHECK(index["tables"][0]["rows"] == 2000);

    auto down = lockplan(db.url(), {"plan", "--down", "base"});
    CHECK_MESSAGE(down.exit_code == 0, down.err);
    CHECK(has(down.out, "DROP TABLE items"));
    CHECK(lockplan(db.url(), {"plan", "--down"}).exit_code == 2);
}

TEST_CASE("upgrade --max-lock-rows refuses a strong-lock scan or rewrite of a large table with exit 8") {
    scratch_database db("it_lock_policy");
    REQUIRE(lockplan(db.url(), {"upgrade", "1b1000000001"}).exit_code == 0);
    db.exec("INSERT INTO items SELECT g, 'c' || g, g FROM generate_series(1, 2000) g");
    db.exec("ANALYZE items");

    auto refused = lockplan(db.url(), {"upgrade", "head", "--max-lock-rows", "1000"});
    CHECK(refused.exit_code == 8);
    CHECK(count_lines(refused.err) == 1);
    CHECK(has(refused.err, "error: lock policy (--max-lock-rows 1000): 1b2000000002: CREATE INDEX ix_items_code ON "
                           "items (code) takes SHARE on items (~2000 rows) and scans it"));
    CHECK(has(refused.err, "(and 1 more; see 'runner plan')"));
    CHECK(db.value("SELECT version_num FROM retort_version") == "1b1000000001");

    // The same policy from retort.ini.
    auto dir = std::filesystem::path(build_dir()) / "it_lock_policy_ini";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "retort.ini") << "[retort]\nmax_lock_rows = 1000\n";
    auto from_file = lockplan(db.url(), {"--config", (dir / "retort.ini").string(), "upgrade", "head"});
    CHECK(from_file.exit_code == 8);

    auto dry = lockplan(db.url(), {"upgrade", "head", "--dry-run", "--max-lock-rows", "1000"});
    CHECK_MESSAGE(dry.exit_code == 0, dry.err);
    CHECK(has(dry.err, "warning: 1b2000000002: CREATE INDEX ix_items_code ON items (code) takes SHARE"));
    CHECK(has(dry.out, "CREATE INDEX ix_items_code ON items (code);"));

    CHECK(lockplan(db.url(), {"upgrade", "head", "--max-lock-rows", "lots"}).exit_code == 2);
    auto small_enough = lockplan(db.url(), {"upgrade", "head", "--max-lock-rows", "100000"});
    CHECK_MESSAGE(small_enough.exit_code == 0, small_enough.err);
    CHECK(db.value("SELECT version_num FROM retort_version") == "1b3000000003");
}

TEST_CASE("a fleet run passes the lock options to every target: the large one is refused, the small one runs") {
    scratch_database big("it_lock_fleet_big"), small("it_lock_fleet_small");
    for (auto* db : {&big, &small}) REQUIRE(lockplan(db->url(), {"upgrade", "1b1000000001"}).exit_code == 0);
    big.exec("INSERT INTO items SELECT g, 'c' || g, g FROM generate_series(1, 2000) g");
    big.exec("ANALYZE items");
    auto dir = std::filesystem::path(build_dir()) / "it_lock_fleet";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "targets.tsv") << "big\t" << big.url() << "\nsmall\t" << small.url() << "\n";
    auto r = run({build_dir() + "/tests/runner_lockplan", "upgrade", "head", "--targets", (dir / "targets.tsv").string(),
                  "--report", (dir / "report.json").string(), "--max-lock-rows", "1000", "--blocker-wait", "5s"},
                 {{"DATABASE_URL", ""}});
    CHECK(r.exit_code == 9);
    std::ifstream in(dir / "report.json");
    auto report = nlohmann::json::parse(in);
    std::map<std::string, nlohmann::json> records;
    for (const auto& record : report["records"]) records[record["name"]] = record;
    CHECK(records["small"]["status"] == "ok");
    CHECK(records["big"]["status"] == "failed");
    CHECK(has(records["big"]["error"]["message"].get<std::string>(), "lock policy (--max-lock-rows 1000): "));
    CHECK(big.value("SELECT version_num FROM retort_version") == "1b1000000001");
    CHECK(small.value("SELECT version_num FROM retort_version") == "1b3000000003");
}
