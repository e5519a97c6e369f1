// Failure atomicity against the real server: a failing statement at each position, a C++
// exception in a body, SIGKILL in the middle of a long revision. Each leaves schema and version
// table as they were before the failing revision, and a normal re-run then succeeds.
#include "background.hpp"
#include "postgres.hpp"
#include "process.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

using namespace retort::test;

namespace {
std::string faults_runner() { return build_dir() + "/tests/runner_faults"; }

run_result faults(const scratch_database& db, std::vector<std::string> args,
                  std::map<std::string, std::string> env = {}) {
    args.insert(args.begin(), {faults_runner(), "-d", db.url()});
    env.emplace("DATABASE_URL", "");
    return run(args, env);
}

/// The state before fb2000000002: accounts without balance, no ledger, version fa1000000001.
void check_before_ledger(const scratch_database& db) {
    CHECK(db.tables() == std::vector<std::string>{"accounts", "retort_history", "retort_version"});
    CHECK(db.value("SELECT count(*) FROM information_schema.columns WHERE table_name = 'accounts' AND "
                   "column_name = 'balance'") == "0");
    CHECK(db.column("SELECT version_num FROM retort_version") == std::vector<std::string>{"fa1000000001"});
    // Every earlier upgrade of fb2000000002 in the history was followed by its downgrade.
    CHECK(db.value("SELECT count(*) FILTER (WHERE direction = 'upgrade') - count(*) FILTER (WHERE direction = "
                   "'downgrade') FROM retort_history WHERE revision = 'fb2000000002'") == "0");
}

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}
}  // namespace

TEST_CASE("a failing statement at each of six positions leaves the revision undone, a re-run succeeds") {
    scratch_database db("it_fault_positions");
    REQUIRE(faults(db, {"upgrade", "fa1000000001"}).exit_code == 0);
    for (int position = 1; position <= 6; ++position) {
        CAPTURE(position);
        auto r = faults(db, {"upgrade", "head"}, {{"RETORT_FAIL_AT", std::to_string(position)}});
        CHECK(r.exit_code == 1);
        CHECK(r.err.find("error: revision fb2000000002 failed and was rolled back: ERROR: division by zero") !=
              std::string::npos);
        CHECK(r.err.find("in statement: SELECT 1 / 0") != std::string::npos);
        check_before_ledger(db);
        auto again = faults(db, {"upgrade", "head"});
        REQUIRE_MESSAGE(again.exit_code == 0, again.err);
        CHECK(db.column("SELECT version_num FROM retort_version") == std::vector<std::string>{"fc3000000003"});
        REQUIRE(faults(db, {"downgrade", "fa1000000001"}).exit_code == 0);
    }
    // Each revision's successful upgrades are in the history, none of the failed attempts.
    CHECK(db.value("SELECT count(*) FROM retort_history WHERE revision = 'fb2000000002' AND direction = 'upgrade'") ==
          "6");
}

TEST_CASE("a C++ exception in a revision body runs nothing of it, a re-run succeeds") {
    scratch_database db("it_fault_throw");
    REQUIRE(faults(db, {"upgrade", "fa1000000001"}).exit_code == 0);
    auto r = faults(db, {"upgrade", "head"}, {{"RETORT_FAULT", "throw"}});
    CHECK(r.exit_code == 1);
    CHECK(count_lines(r.err) == 1);
    CHECK(r.err.find("upgrade() threw before any SQL ran: the body gave up") != std::string::npos);
    check_before_ledger(db);
    CHECK(faults(db, {"upgrade", "head"}).exit_code == 0);
}

TEST_CASE("SIGKILL during a long revision: nothing of it stays, the lock is released, a re-run succeeds, "
          "a second runner waits for the lock, bounded by --lock-wait and not by lock_timeout") {
    scratch_database db("it_fault_kill");
    REQUIRE(faults(db, {"upgrade", "fa1000000001"}).exit_code == 0);
    std::string log = build_dir() + "/it_fault_kill.log";
    background sleeper({faults_runner(), "-d", db.url(), "upgrade", "head"}, log,
                       {{"RETORT_FAULT", "sleep"}, {"DATABASE_URL", ""}});
    REQUIRE(eventually([&] {
        return db.value("SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(60)%' AND pid <> "
                        "pg_backend_pid()") == "1";
    }));

    auto start = std::chrono::steady_clock::now();
    auto waiting = faults(db, {"upgrade", "head", "--lock-wait", "2s", "--lock-timeout", "100ms"});
    auto waited = std::chrono::steady_clock::now() - start;
    CHECK(waiting.exit_code == 1);
    CHECK(count_lines(waiting.err) == 2);
    CHECK(waiting.err.rfind("waiting for the migration lock held by pid ", 0) == 0);
    CHECK(waiting.err.find(" since 20") != std::string::npos);
    CHECK(waiting.err.find("error: gave up waiting for the migration lock after 2s") != std::string::npos);
    CHECK(waited >= std::chrono::milliseconds(1900));  // lock_timeout (100ms) did not cut the wait short

    sleeper.kill_now();
    CHECK(sleeper.wait() == 128 + SIGKILL);
    CHECK(read_file(log).find("Running upgrade fa1000000001 -> fb2000000002") != std::string::npos);
    check_before_ledger(db);
    // The server notices the vanished client (client_connection_check_interval) and rolls back
    // well before pg_sleep(60) ends.
    auto killed = std::chrono::steady_clock::now();
    auto rerun = faults(db, {"upgrade", "head"});
    CHECK_MESSAGE(rerun.exit_code == 0, rerun.err);
    CHECK(std::chrono::steady_clock::now() - killed < std::chrono::seconds(30));
    CHECK(db.column("SELECT version_num FROM retort_version") == std::vector<std::string>{"fc3000000003"});
    CHECK(db.value("SELECT count(*) FROM retort_history WHERE revision = 'fb2000000002'") == "1");
}

TEST_CASE("a failed CREATE INDEX CONCURRENTLY: the message says which parts are committed, the INVALID index "
          "is dropped before the retry") {
    scratch_database db("it_fault_concurrent");
    std::string runner = build_dir() + "/tests/runner_concurrent";
    auto r = run({runner, "-d", db.url(), "upgrade", "head"}, {{"DATABASE_URL", ""}});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("Key (code)=(a) is duplicated") != std::string::npos);
    CHECK(r.err.find("(part 2 of 3; part 1 is committed (see retort_history)") != std::string::npos);
    CHECK(r.err.find("it left the INVALID index ix_items_code, which the next run drops before retrying") !=
          std::string::npos);
    CHECK(db.value("SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix_items_code'::regclass") == "f");
    CHECK(db.column("SELECT direction FROM retort_history WHERE revision = 'cb2000000002'") ==
          std::vector<std::string>{"part 1/3"});
    CHECK(db.column("SELECT version_num FROM retort_version") == std::vector<std::string>{"ca1000000001"});

    db.exec("DELETE FROM items WHERE id = 2");
    auto again = run({runner, "-d", db.url(), "upgrade", "head"}, {{"DATABASE_URL", ""}});
    CHECK_MESSAGE(again.exit_code == 0, again.err);
    CHECK(again.err.find("dropping the INVALID index ix_items_code") != std::string::npos);
    CHECK(db.value("SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix_items_code'::regclass") == "t");
    CHECK(db.column("SELECT version_num FROM retort_version") == std::vector<std::string>{"cb2000000002"});
    CHECK(db.value("SELECT note FROM items") == "indexed");
}
