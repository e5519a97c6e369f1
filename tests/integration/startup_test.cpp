// Commands that need no database start without libpq (its 25 libraries were most of a runner's
// start-up), and without any shared library when the runner is static; a command that connects
// loads the database module (a static runner runs its connecting program for it) and behaves as before.
#include "postgres.hpp"
#include "process.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

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
        CHECK_FALSE(has(r.err, "libstdc++.so"));  // the runner's own copy (cmake/RetortMigrations.cmake)
        CHECK_FALSE(has(r.err, "libboost_program_options"));
#ifdef RETORT_RUNNER_STATIC
        CHECK_FALSE(has(r.err, "find library="));  // not even libc: no dynamic loader ran
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

#ifdef RETORT_RUNNER_STATIC
namespace {
/// A copy of the static runner in a folder of its own (removed at the end).
struct copied_runner {
    std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("retort-static-runner-" + std::to_string(::getpid()));
    std::string path = (dir / "runner").string();
    copied_runner() {
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
        std::filesystem::copy_file(build_dir() + "/runner", path);
    }
    ~copied_runner() { std::filesystem::remove_all(dir); }
};
}  // namespace

TEST_CASE("a static runner copied elsewhere still connects, through the connecting program its build wrote") {
    copied_runner copy;
    CHECK(run({copy.path, "heads"}).exit_code == 0);
    auto r = run({copy.path, "-d", "postgresql://nobody:secret@127.0.0.1:1/none", "current"}, {{"DATABASE_URL", ""}});
    CHECK(r.exit_code == 1);
    CHECK(has(r.err, "cannot connect"));
    CHECK(count_lines(r.err) == 1);
}

TEST_CASE("a static runner prefers the connecting program installed beside it, and hands it the whole command line") {
    copied_runner copy;
    {
        std::ofstream script(copy.dir / "runner-online");
        script << "#!/bin/sh\necho \"beside: $*\"\n";
    }
    std::filesystem::permissions(copy.dir / "runner-online", std::filesystem::perms::owner_all);
    auto r = run({copy.path, "--echo", "upgrade", "head", "--sql"}, {{"DATABASE_URL", ""}});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "beside: --echo upgrade head --sql\n");
    // A read-only command stays in the runner.
    CHECK(has(run({copy.path, "heads"}).out, "(head)"));
}
#endif
