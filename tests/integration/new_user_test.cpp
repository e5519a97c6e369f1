// What a new user trips over (issue 13, items 13, 15, 16), through the real binaries: a quoted
// function default warned about at build time and by lint, warnings that say how to accept them,
// mkrev's trailing backslash, "did you mean", and a misspelled acknowledgement.
#include "postgres.hpp"
#include "process.hpp"

#include <doctest/doctest.h>

#include <filesystem>

namespace fs = std::filesystem;
using namespace retort::test;

namespace {
bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string literal_default() { return build_dir() + "/tests/runner_literal_default"; }
}  // namespace

TEST_CASE("a quoted default that reads like a function: a build-time warning with file and line, and a lint rule") {
    auto built = run({literal_default(), "check-revisions"});
    CHECK(built.exit_code == 0);  // a warning: the build goes on
    std::string file = source_dir() + "/tests/fixtures/literal_default/5d0000000001_events.cpp";
    CHECK_MESSAGE(has(built.err, file + ":14: warning: server default 'now()' of events.at is a quoted literal, fixed "
                                        "when the migration runs; for the function write .server_default(sql(\"now()\"))"),
                  built.err);
    CHECK(has(built.err, "op.acknowledge(\"server-default-function-literal\", \"why\")"));

    auto sql = run({literal_default(), "upgrade", "head", "--sql"});
    CHECK(sql.exit_code == 0);
    CHECK(has(sql.out, "at TIMESTAMP WITH TIME ZONE DEFAULT 'now()'"));
    CHECK(has(sql.err, "warning: 5d0000000001: server-default-function-literal: server default 'now()' of events.at"));
}

TEST_CASE("every lint warning says how to acknowledge it, and UNIQUE gets advice PostgreSQL accepts") {
    auto sql = run({build_dir() + "/tests/runner_faults", "upgrade", "head", "--sql"});
    CHECK(sql.exit_code == 0);
    std::size_t warnings = 0;
    for (std::size_t at = sql.err.find("warning: "); at != std::string::npos; at = sql.err.find("warning: ", at + 1)) {
        ++warnings;
        auto line = sql.err.substr(at, sql.err.find('\n', at) - at);
        CAPTURE(line);
        auto rule = line.substr(line.find(": ", 9) + 2);
        rule = rule.substr(0, rule.find(':'));
        CHECK(has(line, "accept it in the revision: op.acknowledge(\"" + rule + "\", \"why\")"));
    }
    CHECK(warnings >= 2);
}

TEST_CASE("mkrev refuses a message or label ending in a backslash and writes nothing") {
    fs::path dir = fs::path(build_dir()) / "mkrev-tests" / "backslash";
    fs::remove_all(dir);
    fs::create_directories(dir);
    for (const std::vector<std::string>& tail : {std::vector<std::string>{"msg\\"},
                                                 std::vector<std::string>{"msg\\  "},
                                                 std::vector<std::string>{"--branch-label", "x\\", "msg"}}) {
        std::vector<std::string> argv{build_dir() + "/mkrev", "--dir", dir.string()};
        argv.insert(argv.end(), tail.begin(), tail.end());
        auto r = run(argv);
        CHECK(r.exit_code == 2);
        CHECK(count_lines(r.err) == 1);
        CHECK(has(r.err, "ends in a backslash, which would continue its // comment line"));
    }
    CHECK(fs::is_empty(dir));
    auto fine = run({build_dir() + "/mkrev", "--dir", dir.string(), "a\\b"});
    CHECK_MESSAGE(fine.exit_code == 0, fine.err);
}

TEST_CASE("a misspelled command or target gets a suggestion") {
    auto runner = build_dir() + "/runner";
    CHECK(has(run({runner, "upgrad", "head"}).err, "unknown command 'upgrad'; did you mean 'upgrade'?"));
    CHECK(has(run({runner, "histroy"}).err, "unknown command 'histroy'; did you mean 'history'?"));
    CHECK(!has(run({runner, "frobnicate"}).err, "did you mean"));
    auto target = run({runner, "upgrade", "hed", "--sql"});
    CHECK(target.exit_code == 2);
    CHECK(has(target.err, "no such revision or branch 'hed'; did you mean 'head'?"));
    CHECK(has(run({runner, "downgrade", "--sql", "head:bsae"}).err, "did you mean 'base'?"));
    auto label = run({build_dir() + "/tests/runner_labelled", "show", "biling@head"});
    CHECK(label.exit_code == 2);
    CHECK(has(label.err, "did you mean 'billing'?"));
}
