// The example project's runner against a real PostgreSQL: what a user does on day one.
#include "postgres.hpp"
#include "process.hpp"

#include <doctest/doctest.h>

#include <filesystem>

using namespace retort::test;

namespace {
std::string runner() { return build_dir() + "/runner"; }

run_result runner_on(const scratch_database& db, std::vector<std::string> args) {
    args.insert(args.begin(), {runner(), "-d", db.url()});
    return run(args, {{"DATABASE_URL", ""}, {"PGPASSWORD", ""}});
}

std::size_t revision_files(const std::string& dir) {
    std::size_t n = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir)) n += e.path().extension() == ".cpp";
    return n;
}
}  // namespace

TEST_CASE("the runner knows exactly as many revisions as migrations/ has files") {
    auto r = run({runner(), "history"});
    REQUIRE(r.exit_code == 0);
    CHECK(count_lines(r.out) == revision_files(source_dir() + "/migrations"));
    CHECK(r.out.find("<base> -> ") != std::string::npos);
}

TEST_CASE("upgrade head, downgrade base, upgrade head round trip") {
    scratch_database db("it_round_trip");
    auto up = runner_on(db, {"upgrade", "head"});
    REQUIRE_MESSAGE(up.exit_code == 0, up.err);
    CHECK(up.err.find("Running upgrade  -> ") != std::string::npos);
    CHECK(db.tables() == std::vector<std::string>{"orders", "retort_history", "retort_version", "users"});
    auto heads = run({runner(), "heads"});
    auto current = runner_on(db, {"current"});
    CHECK(current.out == heads.out);

    auto down = runner_on(db, {"downgrade", "base"});
    REQUIRE_MESSAGE(down.exit_code == 0, down.err);
    CHECK(db.tables() == std::vector<std::string>{"retort_history", "retort_version"});
    CHECK(db.column("SELECT version_num FROM retort_version").empty());
    CHECK(runner_on(db, {"current"}).out.empty());

    auto again = runner_on(db, {"upgrade", "head"});
    REQUIRE_MESSAGE(again.exit_code == 0, again.err);
    CHECK(runner_on(db, {"current"}).out == heads.out);
    auto noop = runner_on(db, {"upgrade", "head"});
    CHECK(noop.exit_code == 0);
    CHECK(noop.err.find("Nothing to do") != std::string::npos);
}

TEST_CASE("relative targets step one revision at a time") {
    scratch_database db("it_relative");
    REQUIRE(runner_on(db, {"upgrade", "+1"}).exit_code == 0);
    CHECK(db.tables() == std::vector<std::string>{"retort_history", "retort_version", "users"});
    REQUIRE(runner_on(db, {"upgrade", "+1"}).exit_code == 0);
    CHECK(db.tables() == std::vector<std::string>{"orders", "retort_history", "retort_version", "users"});
    REQUIRE(runner_on(db, {"downgrade", "-1"}).exit_code == 0);
    CHECK(db.tables() == std::vector<std::string>{"retort_history", "retort_version", "users"});
    auto below = runner_on(db, {"downgrade", "-2"});
    CHECK(below.exit_code == 2);
    CHECK(below.err.find("below base") != std::string::npos);
    CHECK(db.tables() == std::vector<std::string>{"retort_history", "retort_version", "users"});
}

TEST_CASE("upgrade to a revision by ID prefix, then downgrade to it") {
    scratch_database db("it_prefix");
    auto history = run({runner(), "history"}).out;
    // The oldest revision is the last line: "<base> -> ID, message".
    auto last = history.substr(history.rfind("<base> -> ") + 10);
    std::string first_id = last.substr(0, last.find(','));
    REQUIRE(runner_on(db, {"upgrade", first_id.substr(0, 6)}).exit_code == 0);
    CHECK(db.value("SELECT version_num FROM retort_version") == first_id);
    REQUIRE(runner_on(db, {"upgrade", "head"}).exit_code == 0);
    REQUIRE(runner_on(db, {"downgrade", first_id}).exit_code == 0);
    CHECK(db.value("SELECT version_num FROM retort_version") == first_id);
}

TEST_CASE("upgrade --sql needs no database and prints every statement with the version rows") {
    auto r = run({runner(), "upgrade", "head", "--sql"}, {{"DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none"}});
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("SET standard_conforming_strings = on;\n\nCREATE TABLE IF NOT EXISTS retort_version") == 0);
    CHECK(r.out.find("CREATE TABLE users (") != std::string::npos);
    CHECK(r.out.find("INSERT INTO retort_version (version_num) VALUES (") != std::string::npos);
    CHECK(r.out.find("BEGIN;") != std::string::npos);
    CHECK(r.out.find("COMMIT;") != std::string::npos);
}

TEST_CASE("the offline SQL, run by psql, leaves the schema the online upgrade leaves") {
    scratch_database online("it_offline_a"), offline("it_offline_b");
    REQUIRE(runner_on(online, {"upgrade", "head"}).exit_code == 0);
    auto sql = run({runner(), "upgrade", "head", "--sql"});
    REQUIRE(sql.exit_code == 0);
    std::string path = build_dir() + "/it_offline.sql";
    {
        FILE* f = fopen(path.c_str(), "w");
        fwrite(sql.out.data(), 1, sql.out.size(), f);
        fclose(f);
    }
    auto psql = run({test_server().bin_dir + "/psql", "-v", "ON_ERROR_STOP=1", "-q", "-f", path, offline.url()});
    REQUIRE_MESSAGE(psql.exit_code == 0, psql.err);
    const char* columns = "SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || "
                          "coalesce(column_default, '') FROM information_schema.columns WHERE table_schema = 'public' "
                          "AND table_name <> 'retort_history' ORDER BY 1";  // --sql keeps no history
    CHECK(online.column(columns) == offline.column(columns));
    CHECK(online.column("SELECT version_num FROM retort_version") ==
          offline.column("SELECT version_num FROM retort_version"));
}

TEST_CASE("a failing revision leaves schema and version table as they were before it") {
    scratch_database db("it_failing");
    std::string failing = build_dir() + "/tests/runner_failing";
    auto r = run({failing, "-d", db.url(), "upgrade", "head"});
    CHECK(r.exit_code == 1);
    CHECK(count_lines(r.err) == 3);  // two "Running upgrade" lines and one error line
    CHECK(r.err.find("error: revision b2b2b2b2b2b2 failed and was rolled back: ERROR: division by zero") !=
          std::string::npos);
    CHECK(r.err.find("[SQLSTATE 22012] in statement: SELECT 1 / 0") != std::string::npos);
    // The first revision stays applied; the second left nothing behind.
    CHECK(db.tables() == std::vector<std::string>{"accounts", "retort_history", "retort_version"});
    CHECK(db.value("SELECT count(*) FROM information_schema.columns WHERE column_name = 'balance'") == "0");
    CHECK(db.column("SELECT version_num FROM retort_version") == std::vector<std::string>{"a1a1a1a1a1a1"});
}

TEST_CASE("heads --check exits 0 with one head") {
    auto r = run({runner(), "heads", "--check"});
    CHECK(r.exit_code == 0);
    CHECK(count_lines(r.out) == 1);
    CHECK(r.out.find("(head)") != std::string::npos);
}
