// The graph commands on a branched project (tests/fixtures/branched: a branch point, a merge, a
// second root "audit" depending on the first branch) against a real PostgreSQL.
#include "postgres.hpp"
#include "process.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace retort::test;

namespace {
std::string branched() { return build_dir() + "/tests/runner_branched"; }

run_result on(const scratch_database& db, std::vector<std::string> args) {
    args.insert(args.begin(), {branched(), "-d", db.url()});
    return run(args, {{"DATABASE_URL", ""}, {"PGPASSWORD", ""}});
}

const std::string merge = "5e6f00000005", audit = "7e8f00000006";
}  // namespace

TEST_CASE("several heads: heads lists both, upgrade head refuses naming them, upgrade heads applies all") {
    scratch_database db("it_graph_heads");
    auto heads = run({branched(), "heads"});
    CHECK(heads.out == merge + " (app) (head)\n" + audit + " (audit) (head)\n");
    auto refused = on(db, {"upgrade", "head"});
    CHECK(refused.exit_code == 2);
    CHECK(refused.err.find(merge + ", " + audit) != std::string::npos);
    CHECK(count_lines(refused.err) == 1);
    auto up = on(db, {"upgrade", "heads"});
    REQUIRE_MESSAGE(up.exit_code == 0, up.err);
    CHECK(db.column("SELECT version_num FROM retort_version ORDER BY 1") == std::vector<std::string>{merge, audit});
    CHECK(on(db, {"current"}).out == merge + " (head) (mergepoint)\n" + audit + " (head)\n");
}

TEST_CASE("branch labels as targets, and the rows at a branch point and a merge") {
    scratch_database db("it_graph_labels");
    REQUIRE(on(db, {"upgrade", "app@+2"}).exit_code == 0);
    CHECK(db.column("SELECT version_num FROM retort_version") == std::vector<std::string>{"1a2b00000002"});
    REQUIRE(on(db, {"upgrade", "1a2b00000003"}).exit_code == 0);
    REQUIRE(on(db, {"upgrade", "3c4d"}).exit_code == 0);  // a second branch: a second row
    CHECK(db.column("SELECT version_num FROM retort_version ORDER BY 1") ==
          std::vector<std::string>{"1a2b00000003", "3c4d00000004"});
    REQUIRE(on(db, {"upgrade", "app@head"}).exit_code == 0);  // the merge joins them into one
    CHECK(db.column("SELECT version_num FROM retort_version") == std::vector<std::string>{merge});
    REQUIRE(on(db, {"upgrade", "audit@head"}).exit_code == 0);
    REQUIRE(on(db, {"downgrade", "audit@base"}).exit_code == 0);
    CHECK(db.column("SELECT version_num FROM retort_version") == std::vector<std::string>{merge});
    auto unknown = on(db, {"downgrade", "nosuch@base"});
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.err.find("nosuch") != std::string::npos);
}

TEST_CASE("stamp sets rows without running anything, with --purge, to base, and as SQL") {
    scratch_database db("it_graph_stamp");
    REQUIRE(on(db, {"stamp", "heads"}).exit_code == 0);
    CHECK(db.column("SELECT version_num FROM retort_version ORDER BY 1") == std::vector<std::string>{merge, audit});
    CHECK(db.tables() == std::vector<std::string>{"retort_history", "retort_version"});  // nothing else ran
    REQUIRE(on(db, {"stamp", "1a2b00000002"}).exit_code == 0);  // over the dependency: one row left
    CHECK(db.column("SELECT version_num FROM retort_version") == std::vector<std::string>{"1a2b00000002"});
    db.exec("INSERT INTO retort_version VALUES ('ffffffffffff')");
    CHECK(on(db, {"stamp", "heads"}).exit_code != 0);  // an unknown row: only --purge helps
    REQUIRE(on(db, {"stamp", "--purge", audit}).exit_code == 0);
    CHECK(db.column("SELECT version_num FROM retort_version") == std::vector<std::string>{audit});
    REQUIRE(on(db, {"stamp", "base"}).exit_code == 0);
    CHECK(db.column("SELECT version_num FROM retort_version").empty());
    auto sql = run({branched(), "stamp", "--sql", "base:" + merge});
    REQUIRE_MESSAGE(sql.exit_code == 0, sql.err);
    CHECK(sql.out.find("CREATE TABLE IF NOT EXISTS retort_version") != std::string::npos);
    CHECK(sql.out.find("INSERT INTO retort_version (version_num) VALUES ('" + merge + "')") != std::string::npos);
    CHECK(run({branched(), "stamp", "--sql", "--purge", "heads"}).exit_code == 2);
}

TEST_CASE("offline ranges: upgrade START:END --sql and downgrade START:END --sql") {
    auto up = run({branched(), "upgrade", "--sql", "1a2b00000002:app@head"});
    REQUIRE_MESSAGE(up.exit_code == 0, up.err);
    CHECK(up.out.find("-- Running upgrade 1a2b00000002 -> 1a2b00000003") != std::string::npos);
    CHECK(up.out.find("-- Running upgrade 1a2b00000001 -> 1a2b00000002") == std::string::npos);
    CHECK(up.out.find("DELETE FROM retort_version") != std::string::npos);  // the merge
    auto down = run({branched(), "downgrade", "--sql", merge + ":1a2b00000002"});
    REQUIRE_MESSAGE(down.exit_code == 0, down.err);
    CHECK(down.out.find("-- Running downgrade " + merge) != std::string::npos);
    CHECK(down.out.find("INSERT INTO retort_version") != std::string::npos);  // the unmerge
    auto from_base = run({branched(), "upgrade", "--sql", ":audit@head"});  // an empty START is base
    REQUIRE_MESSAGE(from_base.exit_code == 0, from_base.err);
    CHECK(from_base.out.find("-- Running upgrade  -> 1a2b00000001") != std::string::npos);
}

TEST_CASE("history -r and --indicate-current, branches, show") {
    scratch_database db("it_graph_history");
    auto range = run({branched(), "history", "-r", "1a2b00000002:app@head"});
    CHECK(range.out == "1a2b00000003, 3c4d00000004 -> " + merge + " (app) (head) (mergepoint), merge name and phone\n"
                       "1a2b00000002 -> 1a2b00000003 (app), add name\n"
                       "1a2b00000002 -> 3c4d00000004 (app), add phone\n"
                       "1a2b00000001 -> 1a2b00000002 (app) (branchpoint), add email\n");
    CHECK(run({branched(), "history", "-r", "nocolon"}).exit_code == 2);
    REQUIRE(on(db, {"upgrade", "3c4d00000004"}).exit_code == 0);
    auto marked = on(db, {"history", "--indicate-current"});
    CHECK(marked.out.find("1a2b00000002 -> 3c4d00000004 (app) (current), add phone") != std::string::npos);
    REQUIRE(on(db, {"upgrade", "audit@head"}).exit_code == 0);
    CHECK(on(db, {"history", "-r", "base:current"}).exit_code == 2);  // two current heads: name one
    CHECK(run({branched(), "branches"}).out == "1a2b00000002 (app) (branchpoint)\n"
                                                "             -> 1a2b00000003 (app)\n"
                                                "             -> 3c4d00000004 (app)\n\n");
    auto show = run({branched(), "show", "7e8f"});
    CHECK(show.out.find("Rev: " + audit + " (head)\nParent: <base>\nAlso depends on: 1a2b00000002\n") == 0);
    CHECK(run({branched(), "show", "zzzz"}).exit_code == 2);
}

TEST_CASE("--json on heads, current, history, branches and show") {
    scratch_database db("it_graph_json");
    REQUIRE(on(db, {"upgrade", "heads"}).exit_code == 0);
    auto heads = nlohmann::json::parse(run({branched(), "heads", "--json"}).out);
    REQUIRE(heads.size() == 2);
    CHECK(heads[0]["revision"] == merge);
    CHECK(heads[0]["parents"] == nlohmann::json::array({"1a2b00000003", "3c4d00000004"}));
    CHECK(heads[1]["depends_on"] == nlohmann::json::array({"1a2b00000002"}));
    auto current = nlohmann::json::parse(on(db, {"current", "--json"}).out);
    CHECK(current["version_rows"] == nlohmann::json::array({merge, audit}));
    auto history = nlohmann::json::parse(run({branched(), "history", "--json"}).out);
    CHECK(history.size() == 6);
    auto branches = nlohmann::json::parse(run({branched(), "branches", "--json"}).out);
    REQUIRE(branches.size() == 1);
    CHECK(branches[0]["branches_into"].size() == 2);
    auto show = nlohmann::json::parse(run({branched(), "show", "--json", "app@head"}).out);
    CHECK(show[0]["is_merge_point"] == true);
}
