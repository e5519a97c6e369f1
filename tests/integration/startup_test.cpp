// Commands that need no database start without libpq (its 25 libraries were most of a runner's
// start-up); a command that connects loads the database module and behaves as before.
#include "postgres.hpp"
#include "process.hpp"

#include <doctest/doctest.h>

using namespace retort::test;

namespace {
bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// What the dynamic loader reports loading (LD_DEBUG=libs writes it to stderr).
run_result traced(std::vector<std::string> args) {
    args.insert(args.begin(), build_dir() + "/runner");
    return run(args, {{"LD_DEBUG", "libs"}, {"DATABASE_URL", ""}});
}
}  // namespace

TEST_CASE("heads, history, show, graph and --version load neither libpq nor the database module") {
    for (std::vector<std::string> args : std::vector<std::vector<std::string>>{
             {"--version"}, {"heads"}, {"history"}, {"show", "head"}, {"graph"}, {"branches"}, {"check-revisions"}}) {
        CAPTURE(args.front());
        auto r = traced(args);
        CHECK(r.exit_code == 0);
        CHECK_FALSE(has(r.err, "libpq.so"));
        CHECK_FALSE(has(r.err, "libretort-online"));
#ifdef RETORT_RUNNER_STATIC_CXX
        CHECK_FALSE(has(r.err, "libstdc++.so"));  // the runner's own copy (cmake/RetortMigrations.cmake)
        CHECK_FALSE(has(r.err, "libboost_program_options"));
#endif
    }
}

TEST_CASE("a command that connects loads the database module, and a refused connection is one line as before") {
    auto r = traced({"-d", "postgresql://nobody:secret@127.0.0.1:1/none", "current"});
    CHECK(r.exit_code == 1);
    CHECK(has(r.err, "libretort-online.so"));
    CHECK(has(r.err, "libpq.so"));
    auto plain = run({build_dir() + "/runner", "-d", "postgresql://nobody:secret@127.0.0.1:1/none", "current"},
                     {{"DATABASE_URL", ""}});
    CHECK(plain.exit_code == 1);
    CHECK(count_lines(plain.err) == 1);
    CHECK_FALSE(has(plain.err, "secret"));
}
