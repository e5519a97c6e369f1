// tools/run_migration.sh, the seed guide's wrapper: success and each failure path with its exit code.
#include "postgres.hpp"
#include "process.hpp"

#include <doctest/doctest.h>

using namespace retort::test;

namespace {
run_result wrapper(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
    args.insert(args.begin(), source_dir() + "/tools/run_migration.sh");
    env.emplace("DATABASE_URL", "");
    env.emplace("RETORT_RUNNER", build_dir() + "/runner");
    return run(args, env);
}
bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("run_migration.sh: help, success, and a second run with nothing to do") {
    auto help = wrapper({"-h"});
    CHECK(help.exit_code == 0);
    CHECK(has(help.out, "Usage: tools/run_migration.sh [-d|--database-url <database_url>] [--backup FILE] [-h|--help]"));

    scratch_database db("it_wrapper_ok");
    auto r = wrapper({"-d", db.url()});
    CHECK_MESSAGE(r.exit_code == 0, r.err);
    CHECK(has(r.out, "1/4 Verifying the database connection"));
    CHECK(has(r.out, "Migration complete: the database is at head"));
    auto revisions = count_lines(run({build_dir() + "/runner", "history"}).out);
    CHECK(db.value("SELECT count(*) FROM retort_history") == std::to_string(revisions));
    auto again = wrapper({"--database-url", db.url()});
    CHECK(again.exit_code == 0);
    CHECK(has(again.err, "Nothing to do"));
    CHECK(again.out.find(test_server().password) == std::string::npos);
}

TEST_CASE("run_migration.sh: each failure has its message and exit code, and changes nothing") {
    scratch_database db("it_wrapper_fail");
    const auto& s = test_server();

    auto usage = wrapper({});
    CHECK(usage.exit_code == 2);
    CHECK(has(usage.err, "run_migration: FAILED: no database URL"));
    CHECK(wrapper({"--frob"}).exit_code == 2);
    CHECK(wrapper({"-d"}).exit_code == 2);

    auto no_runner = wrapper({"-d", db.url()}, {{"RETORT_RUNNER", "/nonexistent/runner"}});
    CHECK(no_runner.exit_code == 3);
    CHECK(has(no_runner.err, "no runner at /nonexistent/runner: build it first"));

    auto refused = wrapper({"-d", "postgresql://postgres:wrong-pass-123@" + s.host + ":" + s.port + "/" + db.name()});
    CHECK(refused.exit_code == 4);
    CHECK(has(refused.err, "cannot use the database: cannot connect to the database"));
    CHECK(refused.err.find("wrong-pass-123") == std::string::npos);

    auto heads = wrapper({"-d", db.url()}, {{"RETORT_RUNNER", build_dir() + "/tests/runner_branches"}});
    CHECK(heads.exit_code == 5);
    CHECK(has(heads.err, "there are 2 heads"));
    CHECK(db.tables().empty());

    // History not intact: an applied revision edited afterwards.
    REQUIRE(wrapper({"-d", db.url()}, {{"RETORT_RUNNER", build_dir() + "/tests/runner_faults"}}).exit_code == 0);
    auto modified = wrapper({"-d", db.url()}, {{"RETORT_RUNNER", build_dir() + "/tests/runner_faults"},
                                               {"RETORT_TEST_VARIANT", "edited"}});
    CHECK(modified.exit_code == 5);
    CHECK(has(modified.err, "history not intact: modified: revision fa1000000001"));

    // The upgrade itself failing.
    scratch_database fresh("it_wrapper_upgrade_fails");
    auto failed = wrapper({"-d", fresh.url()}, {{"RETORT_RUNNER", build_dir() + "/tests/runner_faults"},
                                                {"RETORT_FAIL_AT", "3"}});
    CHECK(failed.exit_code == 1);
    CHECK(has(failed.err, "run_migration: FAILED: the upgrade stopped"));
    CHECK(fresh.column("SELECT version_num FROM retort_version") == std::vector<std::string>{"fa1000000001"});
}
