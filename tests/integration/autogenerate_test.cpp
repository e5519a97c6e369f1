// runner autogenerate on the example project: from a dev database changed by hand, and from a
// desired-state SQL file; the written revision's place in the graph, its review comment, that it
// compiles against the revision header alone; and the refusals (exit 4 and 2), one line each.
// (That the operations it writes take the schema there and back is tests/autogen's proof.)
#include "postgres.hpp"
#include "process.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using namespace retort::test;

namespace {

std::string runner() { return build_dir() + "/runner"; }

run_result runner_on(const std::string& url, std::vector<std::string> args) {
    args.insert(args.begin(), {runner(), "-d", url});
    return run(args, {{"DATABASE_URL", ""}, {"PGPASSWORD", ""}});
}

std::string read(const fs::path& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

/// A copy of the example's migrations folder, which this runner was built from.
fs::path example_copy(const std::string& name) {
    fs::path dir = fs::path(build_dir()) / "autogenerate-tests" / name;
    fs::remove_all(dir);
    fs::create_directories(dir.parent_path());
    fs::copy(source_dir() + "/migrations", dir);
    return dir;
}

std::string head_id() {
    auto r = run({runner(), "heads"});
    return r.out.substr(0, r.out.find(' '));
}

std::size_t lines(const std::string& text) { return count_lines(text); }

/// The body of upgrade() in a revision file.
std::string upgrade_body(const std::string& source) {
    auto start = source.find("void upgrade(ops& op) {");
    auto end = source.find("void downgrade(ops& op) {");
    return source.substr(start, end - start);
}

const char* by_hand = "ALTER TABLE users ADD COLUMN nick varchar(40);"
                      "CREATE INDEX ix_users_nick ON users (lower(nick));"
                      "CREATE TYPE plan AS ENUM ('free', 'paid');"
                      "ALTER TABLE users ADD COLUMN plan plan NOT NULL DEFAULT 'free';";

}  // namespace

TEST_CASE("autogenerate from a dev database changed by hand writes a revision on the head") {
    scratch_database dev("autogen_dev");
    REQUIRE(runner_on(dev.url(), {"upgrade", "head"}).exit_code == 0);
    dev.exec(by_hand);
    auto dir = example_copy("dev");
    auto r = run({runner(), "autogenerate", "nick and plan", "--dev-url", dev.url(), "--dir", dir.string(), "--rev-id",
                  "a0a0a0a0a0a0"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    fs::path written = dir / "a0a0a0a0a0a0_nick_and_plan.cpp";
    CHECK(r.out == written.string() + "\n");
    CHECK(r.err.find("+ column public.users.nick") != std::string::npos);
    auto source = read(written);
    CHECK(source.find("// parents: " + head_id() + "\n") != std::string::npos);
    CHECK(source.find("please review and adjust") != std::string::npos);
    CHECK(source.find("op.create_enum(\"plan\", {\"free\", \"paid\"});") != std::string::npos);
    CHECK(source.find("op.add_column(\"users\", Column(\"nick\", String(40)));") != std::string::npos);
    CHECK(source.find("op.create_index(\"ix_users_nick\", \"users\", {\"lower(nick::text)\"});") != std::string::npos);
    CHECK(source.find("op.drop_enum(\"plan\");") != std::string::npos);
    // It compiles against the revision header alone, like every hand-written revision.
    auto compiled = run({"g++", "-std=c++20", "-fsyntax-only", "-I" + source_dir() + "/dsl/include", written.string()});
    CHECK_MESSAGE(compiled.exit_code == 0, compiled.err);
    // The dev database is only read.
    CHECK(dev.value("SELECT count(*) FROM information_schema.columns WHERE column_name = 'nick'") == "1");

    SUBCASE("the same change as a desired-state file gives the same upgrade") {
        auto dumped = run({test_server().bin_dir + "/pg_dump", "--schema-only", "-T", "retort_version", "-T",
                           "retort_history", "-d", dev.url()});
        REQUIRE(dumped.exit_code == 0);
        // A schema file is SQL: pg_dump's psql-only \restrict lines are left out.
        std::istringstream in(dumped.out);
        std::string line, sql;
        while (std::getline(in, line))
            if (line.rfind("\\", 0) != 0) sql += line + "\n";
        fs::path desired = dir.parent_path() / "desired.sql";
        std::ofstream(desired) << sql;
        auto dir2 = example_copy("desired");
        auto d = runner_on(dev.url(), {"autogenerate", "nick and plan", "--desired", desired.string(), "--dir",
                                       dir2.string(), "--rev-id", "a0a0a0a0a0a0"});
        REQUIRE_MESSAGE(d.exit_code == 0, d.err);
        CHECK(upgrade_body(read(dir2 / "a0a0a0a0a0a0_nick_and_plan.cpp")) == upgrade_body(source));
    }
}

TEST_CASE("autogenerate refuses a dev database that is not at head (exit 4), one line") {
    scratch_database dev("autogen_behind");
    REQUIRE(runner_on(dev.url(), {"upgrade", "+1"}).exit_code == 0);
    auto dir = example_copy("behind");
    auto r = run({runner(), "autogenerate", "x", "--dev-url", dev.url(), "--dir", dir.string()});
    CHECK(r.exit_code == 4);
    CHECK(lines(r.err) == 1);
    CHECK(r.err.find("not at head") != std::string::npos);
    CHECK(r.err.find(test_server().password) == std::string::npos);
    CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 4);
}

TEST_CASE("autogenerate refuses a migrations folder this runner was not built from (exit 2): rebuild first") {
    scratch_database dev("autogen_stale");
    REQUIRE(runner_on(dev.url(), {"upgrade", "head"}).exit_code == 0);
    auto dir = example_copy("stale");
    REQUIRE(run({build_dir() + "/mkrev", "--dir", dir.string(), "someone else's revision"}).exit_code == 0);
    auto r = run({runner(), "autogenerate", "x", "--dev-url", dev.url(), "--dir", dir.string()});
    CHECK(r.exit_code == 2);
    CHECK(lines(r.err) == 1);
    CHECK(r.err.find("rebuild the runner first") != std::string::npos);
}

TEST_CASE("autogenerate needs a message and exactly one target (exit 2)") {
    auto dir = example_copy("usage");
    CHECK(run({runner(), "autogenerate", "--desired", "x.sql", "--dir", dir.string()}).exit_code == 2);
    auto both = run({runner(), "autogenerate", "m", "--desired", "x.sql", "--dev-url", "postgresql://a@b/c", "--dir",
                     dir.string()});
    CHECK(both.exit_code == 2);
    CHECK(lines(both.err) == 1);
    auto missing = run({runner(), "autogenerate", "m", "--desired", "/nonexistent.sql", "--dir", dir.string()});
    CHECK(missing.exit_code == 2);
}
