// Bad input: one clear line on stderr, a non-zero exit, no password, nothing changed.
#include "postgres.hpp"
#include "process.hpp"

#include <doctest/doctest.h>

using namespace retort::test;

namespace {
struct bad_case {
    const char* what;
    std::vector<std::string> args;
    int exit_code;
    const char* message;  ///< a part of the one error line
};

const std::string secret = "s3cr3t-Passw0rd";
}  // namespace

TEST_CASE("bad input gives one line, a non-zero exit code, and never the password") {
    scratch_database db("it_bad_input");
    const auto& s = test_server();
    std::string wrong_pw = "postgresql://postgres:" + secret + "@" + s.host + ":" + s.port + "/it_bad_input";
    std::string runner = build_dir() + "/runner";
    std::vector<bad_case> cases = {
        {"wrong password", {"-d", wrong_pw, "upgrade", "head"}, 1, "password authentication failed"},
        {"unreachable port", {"-d", "postgresql://u:" + secret + "@127.0.0.1:1/db", "current"}, 1, "Connection refused"},
        {"malformed URL", {"-d", "postgresql://u:" + secret + "@[::1/db", "current"}, 2, "invalid database URL"},
        {"unknown URL option", {"-d", "postgresql://u:" + secret + "@h/db?frobnicate=1", "current"}, 2,
         "invalid database URL"},
        {"missing database", {"-d", s.url("no_such_db"), "current"}, 1, "does not exist"},
        {"unknown revision", {"-d", db.url(), "upgrade", "ffffffffffff"}, 2, "no such revision or branch 'ffffffffffff'"},
        {"downgrade below base", {"-d", db.url(), "downgrade", "-1"}, 2, "below base"},
        {"unknown command", {"-d", db.url(), "frobnicate"}, 2, "unknown command 'frobnicate'"},
        {"missing target", {"-d", db.url(), "upgrade"}, 2, "upgrade needs a TARGET"},
        {"unknown option", {"-d", db.url(), "upgrade", "head", "--frob"}, 2, "unrecognised option '--frob'"},
        {"range online", {"-d", db.url(), "upgrade", "a:b"}, 2, "only with --sql"},
        {"downgrade --sql without range", {"downgrade", "base", "--sql"}, 2, "needs a range"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.what);
        std::vector<std::string> argv{runner};
        argv.insert(argv.end(), c.args.begin(), c.args.end());
        auto r = run(argv, {{"DATABASE_URL", ""}, {"PGPASSWORD", ""}});
        CHECK(r.exit_code == c.exit_code);
        CHECK(count_lines(r.err) == 1);
        CHECK(r.err.rfind("error: ", 0) == 0);
        CHECK_MESSAGE(r.err.find(c.message) != std::string::npos, r.err);
        CHECK(r.err.find(secret) == std::string::npos);
        CHECK(r.out.find(secret) == std::string::npos);
    }
    CHECK(db.tables().empty());
}

TEST_CASE("a password given in PGPASSWORD is masked too") {
    const auto& s = test_server();
    auto r = run({build_dir() + "/runner", "-d", "host=" + s.host + " port=" + s.port + " user=nobody dbname=x",
                  "current"},
                 {{"PGPASSWORD", secret}, {"DATABASE_URL", ""}});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find(secret) == std::string::npos);
}
