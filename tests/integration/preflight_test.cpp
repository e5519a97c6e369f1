// The preflight against the live lock queue: an idle-in-transaction connection holds a lock on the
// table; plan names it; upgrade waits for a quiet moment without queueing other queries behind it,
// proceeds once it ends, or fails naming it after --blocker-wait; --terminate-blockers-after ends it.
#include "background.hpp"
#include "postgres.hpp"
#include "process.hpp"

#include <pqxx/pqxx>

#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <thread>

using namespace retort::test;

namespace {
std::vector<std::string> lockplan_args(const std::string& url, std::vector<std::string> args) {
    args.insert(args.begin(), {build_dir() + "/tests/runner_lockplan", "-d", url});
    return args;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("an idle-in-transaction blocker: plan names it, upgrade waits without blocking others, then proceeds or fails naming it") {
    scratch_database db("it_blocker_wait");
    REQUIRE(run(lockplan_args(db.url(), {"upgrade", "1b1000000001"}), {{"DATABASE_URL", ""}}).exit_code == 0);
    db.exec("INSERT INTO items SELECT g, 'c' || g, g FROM generate_series(1, 100) g");

    pqxx::connection holder(db.url() + "?application_name=report_job");
    pqxx::work held(holder);
    held.exec("SELECT count(*) FROM items");  // ACCESS SHARE until the transaction ends; then idle in transaction

    auto plan = run(lockplan_args(db.url(), {"plan"}), {{"DATABASE_URL", ""}});
    CHECK_MESSAGE(plan.exit_code == 0, plan.err);
    CHECK(has(plan.out, "blocked now by pid " + std::to_string(holder.backendpid()) +
                            " (report_job, idle in transaction for "));
    CHECK(has(plan.out, "holds AccessShareLock on items)"));

    auto failed = run(lockplan_args(db.url(), {"upgrade", "1b2000000002", "--blocker-wait", "1s"}), {{"DATABASE_URL", ""}});
    CHECK(failed.exit_code == 1);
    CHECK(has(failed.err, "error: revision 1b2000000002 found no quiet moment for its locks within --blocker-wait "
                          "(1000ms); blocked by pid " + std::to_string(holder.backendpid()) + " (report_job"));

    // While the runner waits, other sessions' queries on the table are not queued behind it for long.
    const std::string log = build_dir() + "/it_blocker_wait.log";
    background waiting(lockplan_args(db.url(), {"upgrade", "1b2000000002", "--blocker-wait", "30s"}), log,
                       {{"DATABASE_URL", ""}});
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    pqxx::connection other(db.url());
    double slowest = 0;
    for (int i = 0; i < 10; ++i) {
        auto start = std::chrono::steady_clock::now();
        pqxx::nontransaction q(other);
        q.exec("SELECT count(*) FROM items");
        slowest = std::max(slowest, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    CHECK(slowest < 0.5);  // at most one 200ms attempt in front of it
    held.abort();
    CHECK(waiting.wait() == 0);
    std::ifstream in(log);
    std::string output((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK_MESSAGE(has(output, "waiting for a quiet moment (--blocker-wait) behind pid"), output);
    CHECK(db.value("SELECT version_num FROM retort_version") == "1b2000000002");
}

TEST_CASE("--terminate-blockers-after ends a blocker idle in a transaction") {
    scratch_database db("it_blocker_terminate");
    REQUIRE(run(lockplan_args(db.url(), {"upgrade", "1b1000000001"}), {{"DATABASE_URL", ""}}).exit_code == 0);
    pqxx::connection holder(db.url());
    pqxx::work held(holder);
    held.exec("SELECT count(*) FROM items");
    auto r = run(lockplan_args(db.url(), {"upgrade", "1b2000000002", "--blocker-wait", "20s", "--terminate-blockers-after", "1s"}),
                 {{"DATABASE_URL", ""}});
    CHECK_MESSAGE(r.exit_code == 0, r.err);
    CHECK(has(r.err, "(--terminate-blockers-after)"));
    CHECK(db.value("SELECT version_num FROM retort_version") == "1b2000000002");
}
