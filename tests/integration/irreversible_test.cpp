// op.irreversible against the real server (tests/fixtures/irreversible: a table, an enum value
// that cannot be removed, a column): downgrades that cross it are refused before anything runs,
// online and with --sql; verify accepts it; show prints the reason.
#include "postgres.hpp"
#include "process.hpp"

#include <doctest/doctest.h>

using namespace retort::test;

namespace {
const std::string reason = "PostgreSQL cannot remove a value from an enum type";

run_result irreversible(const std::string& url, std::vector<std::string> args) {
    args.insert(args.begin(), {build_dir() + "/tests/runner_irreversible", "-d", url});
    return run(args, {{"DATABASE_URL", ""}});
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("a downgrade crossing an irreversible revision is refused before anything runs") {
    scratch_database db("it_irreversible");
    REQUIRE(irreversible(db.url(), {"upgrade", "head"}).exit_code == 0);
    auto history_rows = db.value("SELECT count(*) FROM retort_history");

    for (const char* target : {"base", "1e0000000001", "-2"}) {
        CAPTURE(target);
        auto refused = irreversible(db.url(), {"downgrade", target});
        CHECK(refused.exit_code == 1);
        CHECK(count_lines(refused.err) == 1);
        CHECK(has(refused.err, "error: cannot downgrade: revision 1e0000000002 ("));
        CHECK(has(refused.err, "is irreversible: " + reason));
        // Not even the step before it (the column) was undone.
        CHECK(db.column("SELECT version_num FROM retort_version") == std::vector<std::string>{"1e0000000003"});
        CHECK(db.value("SELECT count(*) FROM information_schema.columns WHERE column_name = 'note'") == "1");
        CHECK(db.value("SELECT count(*) FROM retort_history") == history_rows);
    }
    auto dry = irreversible(db.url(), {"downgrade", "base", "--dry-run"});
    CHECK(dry.exit_code == 1);
    CHECK(dry.out.empty());

    // A plan that stops short of it runs.
    auto one = irreversible(db.url(), {"downgrade", "-1"});
    CHECK_MESSAGE(one.exit_code == 0, one.err);
    CHECK(db.column("SELECT version_num FROM retort_version") == std::vector<std::string>{"1e0000000002"});
}

TEST_CASE("downgrade --sql refuses a range crossing an irreversible revision and prints nothing") {
    auto refused = run({build_dir() + "/tests/runner_irreversible", "downgrade", "--sql", "head:base"});
    CHECK(refused.exit_code == 1);
    CHECK(refused.out.empty());
    CHECK(has(refused.err, "is irreversible: " + reason));
    auto allowed = run({build_dir() + "/tests/runner_irreversible", "downgrade", "--sql", "head:1e0000000002"});
    CHECK_MESSAGE(allowed.exit_code == 0, allowed.err);
    CHECK(has(allowed.out, "ALTER TABLE people DROP COLUMN note"));
}

TEST_CASE("verify accepts an irreversible revision, skips its downgrade and verifies the ones after it") {
    scratch_database db("it_irreversible_verify");
    auto r = irreversible(db.url(), {"verify"});
    CHECK_MESSAGE(r.exit_code == 0, r.err);
    CHECK(has(r.out, "ok      1e0000000001 people with a mood\n"));
    CHECK(has(r.out, "accepted 1e0000000002 a calm mood (irreversible: " + reason + ")\n"));
    CHECK(has(r.out, "ok      1e0000000003 a note on people\n"));
    CHECK(has(r.out, "verified 3 revisions: every downgrade restores the schema (1 irreversible, accepted"));
}

TEST_CASE("show prints why a revision is irreversible") {
    auto text = run({build_dir() + "/tests/runner_irreversible", "show", "1e0000000002"});
    CHECK_MESSAGE(text.exit_code == 0, text.err);
    CHECK(has(text.out, "    Irreversible: " + reason + "\n"));
    auto other = run({build_dir() + "/tests/runner_irreversible", "show", "1e0000000003"});
    CHECK(!has(other.out, "Irreversible"));
    auto json = run({build_dir() + "/tests/runner_irreversible", "show", "--json", "1e0000000002"});
    CHECK(has(json.out, "\"irreversible\":\"" + reason + "\""));
}
