// Bad input: one clear line on stderr, a non-zero exit, no password, nothing changed.
#include "postgres.hpp"
#include "process.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

using namespace retort::test;

namespace {
struct bad_case {
    const char* what;
    std::vector<std::string> args;
    int exit_code;
    const char* message;  ///< a part of the one error line
    std::string runner = "runner";
    std::map<std::string, std::string> env = {};
    std::vector<std::string> hidden = {};  ///< parts of a password that must not show either
};

const std::string secret = "s3cr3t-Passw0rd";
}  // namespace

TEST_CASE("bad input gives one line, a non-zero exit code, and never the password") {
    scratch_database db("it_bad_input");
    // Corrupted version tables: a revision this runner does not know; an ancestor next to its descendant.
    scratch_database unknown_row("it_bad_unknown_row"), pair_rows("it_bad_pair_rows"), branch("it_bad_branch");
    for (const auto* d : {&unknown_row, &pair_rows}) {
        d->exec("CREATE TABLE retort_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)");
    }
    unknown_row.exec("INSERT INTO retort_version VALUES ('0123456789ab')");
    auto history = run({build_dir() + "/runner", "history"}).out;
    auto first = history.substr(history.rfind("<base> -> ") + 10);
    first = first.substr(0, first.find(','));
    auto head = history.substr(history.find(" -> ") + 4);
    head = head.substr(0, head.find_first_of(", "));
    pair_rows.exec("INSERT INTO retort_version VALUES ('" + first + "'), ('" + head + "')");
    REQUIRE(run({build_dir() + "/tests/runner_branches", "-d", branch.url(), "upgrade", "bb2000000002"}).exit_code == 0);
    scratch_database irreversible("it_bad_irreversible");
    REQUIRE(run({build_dir() + "/tests/runner_irreversible", "-d", irreversible.url(), "upgrade", "head"}).exit_code == 0);
    // A role that may log in but not create anything in public (PostgreSQL 15's default).
    db.exec("DROP ROLE IF EXISTS it_limited; CREATE ROLE it_limited LOGIN PASSWORD '" + secret + "'");
    const auto& s = test_server();
    std::string at = "@" + s.host + ":" + s.port + "/";
    std::string wrong_pw = "postgresql://postgres:" + secret + at + "it_bad_input";
    std::string limited = "postgresql://it_limited:" + secret + at + "it_bad_input";
    std::string no_pw = "postgresql://postgres" + at + "it_bad_input";
    std::string pgpass = build_dir() + "/it_bad_input.pgpass";
    {
        std::ofstream f(pgpass);
        f << s.host << ":" << s.port << ":*:postgres:" << secret << "\n";
    }
    run({"chmod", "600", pgpass});
    const std::string branches = "tests/runner_branches";
    std::vector<bad_case> cases = {
        {"wrong password", {"-d", wrong_pw, "upgrade", "head"}, 1, "password authentication failed"},
        {"wrong password in PGPASSWORD", {"-d", no_pw, "upgrade", "head"}, 1, "password authentication failed", "runner",
         {{"PGPASSWORD", secret}}},
        {"wrong password in .pgpass", {"-d", no_pw, "check"}, 1, "password authentication failed", "runner",
         {{"PGPASSFILE", pgpass}}},
        {"unreachable port", {"-d", "postgresql://u:" + secret + "@127.0.0.1:1/db", "current"}, 1, "Connection refused"},
        {"no such socket directory", {"-d", "postgresql://u:" + secret + "@/db?host=/nonexistent", "check"}, 1,
         "No such file or directory"},
        {"malformed URL", {"-d", "postgresql://u:" + secret + "@[::1/db", "current"}, 2, "invalid database URL"},
        {"unknown URL option", {"-d", "postgresql://u:" + secret + "@h/db?frobnicate=1", "current"}, 2,
         "invalid database URL"},
        {"percent sign in the URL's password", {"-d", "postgresql://pct:Pa%ss" + at + "k1", "check"}, 2,
         "percent-encode its special characters", "runner", {}, {"Pa%ss", "Pa%", "%ss"}},
        {"unencoded @ : / ? # % and space in the URL's password",
         {"-d", "postgresql://u:p@ss:w/o?r#d% x" + at + "k1", "check"}, 2, "invalid database URL", "runner", {},
         {"ss:w", "w/o", "r#d", "d% x", "%25 x"}},
        {"bad percent-encoding after the password", {"-d", "postgresql://u:" + secret + "%zz" + at + "db", "current"}, 2,
         "invalid database URL"},
        {"unterminated quoted password", {"-d", "host=" + s.host + " password='" + secret, "check"}, 2,
         "invalid database URL"},
        {"unparsable password= in a URL", {"-d", "postgresql://u" + at + "db?password=" + secret + "%zz", "check"}, 2,
         "invalid database URL"},
        {"malformed scratch URL", {"-d", db.url(), "verify", "--scratch-url", "postgresql://u:" + secret + "@[::1/x"}, 2,
         "invalid database URL"},
        {"missing database", {"-d", s.url("no_such_db"), "current"}, 1, "does not exist"},
        {"missing database for check", {"-d", s.url("no_such_db"), "check"}, 1, "does not exist"},
        {"no privilege to create the scratch database", {"-d", limited, "verify"}, 1,
         "role it_limited may not create databases on the server of -d; pass --scratch-url URL"},
        {"no scratch database for drift", {"-d", limited, "drift"}, 1, "pass --scratch-url URL"},
        {"unknown role", {"-d", db.url(), "--role", "no_such_role", "upgrade", "head"}, 1, "cannot apply --role"},
        {"version table in a missing schema", {"-d", db.url(), "--version-table-schema", "nosuch", "upgrade", "head"}, 1,
         "schema \"nosuch\" does not exist"},
        {"unknown revision", {"-d", db.url(), "upgrade", "ffffffffffff"}, 2, "no such revision or branch 'ffffffffffff'"},
        {"unknown downgrade target", {"-d", db.url(), "downgrade", "fffff"}, 2, "no such revision or branch 'fffff'"},
        {"malformed relative target", {"-d", db.url(), "upgrade", "+x"}, 2, "no such revision or branch '+x'"},
        {"ambiguous prefix", {"-d", db.url(), "upgrade", "b"}, 2, "several revisions start with 'b'", branches},
        {"several heads named by head", {"-d", db.url(), "upgrade", "head"}, 2, "several head revisions are present for 'head'", branches},
        {"target on another branch", {"-d", branch.url(), "downgrade", "bc3000000003"}, 2,
         "revision bc3000000003 is not applied", branches},
        {"downgrade below base", {"-d", db.url(), "downgrade", "-1"}, 2, "below base"},
        {"upgrade to a lower target", {"-d", db.url(), "upgrade", "-1"}, 2, "relative revision -1 did not produce 1 migrations"},
        {"unknown revision in the version table", {"-d", unknown_row.url(), "upgrade", "head"}, 1,
         "names revision '0123456789ab'"},
        {"ancestor and descendant in the version table", {"-d", pair_rows.url(), "upgrade", "head"}, 1,
         "the version table is inconsistent"},
        {"unknown command", {"-d", db.url(), "frobnicate"}, 2, "unknown command 'frobnicate'"},
        {"unknown global option", {"--frobnicate", "current"}, 2, "unknown option '--frobnicate' before the command"},
        {"missing target", {"-d", db.url(), "upgrade"}, 2, "upgrade needs a TARGET"},
        {"unknown option", {"-d", db.url(), "upgrade", "head", "--frob"}, 2, "unrecognised option '--frob'"},
        {"unknown check option", {"-d", db.url(), "check", "--frob"}, 2, "unrecognised option '--frob'"},
        {"extra argument to repair", {"-d", db.url(), "repair", "extra"}, 2, "too many positional options"},
        {"range online", {"-d", db.url(), "upgrade", "a:b"}, 2, "only with --sql"},
        {"downgrade --sql without range", {"downgrade", "base", "--sql"}, 2, "needs a range"},
        {"--sql with --dry-run", {"-d", db.url(), "upgrade", "head", "--sql", "--dry-run"}, 2, "use one of them"},
        {"lock wait not a duration", {"-d", db.url(), "upgrade", "head", "--lock-wait", "soon"}, 2,
         "--lock-wait 'soon' is not a duration"},
        {"lock wait with an unknown unit", {"-d", db.url(), "upgrade", "head", "--lock-wait", "5sec"}, 2,
         "--lock-wait '5sec' is not a duration"},
        {"negative lock timeout", {"-d", db.url(), "upgrade", "head", "--lock-timeout=-1"}, 2,
         "--lock-timeout '-1' is not a duration"},
        {"statement timeout with a space", {"-d", db.url(), "upgrade", "head", "--statement-timeout", "5 s"}, 2,
         "--statement-timeout '5 s' is not a duration"},
        {"negative retries", {"-d", db.url(), "upgrade", "head", "--retries=-1"}, 2, "--retries must be 0 or more"},
        {"option without its value", {"-d", db.url(), "upgrade", "head", "--lock-wait"}, 2,
         "the required argument for option '--lock-wait' is missing"},
        {"port out of range", {"-d", "postgresql://u:" + secret + "@127.0.0.1:99999/db", "current"}, 2,
         "invalid database URL: invalid port number"},
        {"unknown sslmode", {"-d", "postgresql://u:" + secret + "@127.0.0.1:1/db?sslmode=bogus", "check"}, 2,
         "invalid database URL: invalid sslmode value"},
        {"version table name over 59 bytes", {"-d", db.url(), "--version-table", std::string(60, 'v'), "upgrade", "head"},
         2, "is 60 bytes long; at most 59 fit"},
        {"lock timeout longer than PostgreSQL allows", {"-d", db.url(), "upgrade", "head", "--lock-timeout", "30d"}, 2,
         "--lock-timeout '30d' is longer than PostgreSQL allows"},
        {"stamp lock wait not a duration", {"-d", db.url(), "stamp", "head", "--lock-wait", "soon"}, 2,
         "--lock-wait 'soon' is not a duration"},
        {"downgrade across an irreversible revision", {"-d", irreversible.url(), "downgrade", "base"}, 1,
         "is irreversible: PostgreSQL cannot remove a value from an enum type", "tests/runner_irreversible"},
        {"downgrade --sql across an irreversible revision", {"downgrade", "--sql", "head:base"}, 1,
         "cannot downgrade: revision 1e0000000002", "tests/runner_irreversible"},
        {"misspelled command", {"-d", db.url(), "upgrad", "head"}, 2, "unknown command 'upgrad'; did you mean 'upgrade'?"},
        {"misspelled target", {"-d", db.url(), "upgrade", "hed"}, 2, "no such revision or branch 'hed'; did you mean 'head'?"},
        {"misspelled branch label", {"-d", db.url(), "upgrade", "biling@head"}, 2, "did you mean 'billing'?",
         "tests/runner_labelled"},
        {"mkrev message ending in a backslash", {"--dir", build_dir() + "/it_bad_input_mkrev", "msg\\"}, 2,
         "the message ends in a backslash", "mkrev"},
    };
    auto unknown_before = unknown_row.column("SELECT version_num FROM retort_version ORDER BY 1");
    auto pair_before = pair_rows.column("SELECT version_num FROM retort_version ORDER BY 1");
    for (const auto& c : cases) {
        CAPTURE(c.what);
        std::vector<std::string> argv{build_dir() + "/" + c.runner};
        argv.insert(argv.end(), c.args.begin(), c.args.end());
        std::map<std::string, std::string> env{{"DATABASE_URL", ""}, {"PGPASSWORD", ""}, {"PGPASSFILE", "/nonexistent"}};
        for (const auto& [k, v] : c.env) env[k] = v;
        auto r = run(argv, env);
        CHECK(r.exit_code == c.exit_code);
        CHECK(count_lines(r.err) == 1);
        CHECK(r.err.rfind("error: ", 0) == 0);
        CHECK_MESSAGE(r.err.find(c.message) != std::string::npos, r.err);
        CHECK(r.err.find(secret) == std::string::npos);
        CHECK(r.out.find(secret) == std::string::npos);
        for (const auto& part : c.hidden) CHECK_MESSAGE(r.err.find(part) == std::string::npos, r.err);
    }
    MESSAGE(cases.size() << " bad inputs tried");
    CHECK(cases.size() >= 30);
    // Nothing changed anywhere.
    CHECK(db.tables().empty());
    CHECK(unknown_row.column("SELECT version_num FROM retort_version ORDER BY 1") == unknown_before);
    CHECK(pair_rows.column("SELECT version_num FROM retort_version ORDER BY 1") == pair_before);
    CHECK(unknown_row.tables() == std::vector<std::string>{"retort_version"});
    CHECK(branch.column("SELECT version_num FROM retort_version") == std::vector<std::string>{"bb2000000002"});
    CHECK(irreversible.column("SELECT version_num FROM retort_version") == std::vector<std::string>{"1e0000000003"});
    CHECK(!std::filesystem::exists(build_dir() + "/it_bad_input_mkrev"));
    db.exec("DROP ROLE it_limited");
}

TEST_CASE("the password is masked whether it comes from the URL, PGPASSWORD or .pgpass, and they all work") {
    scratch_database db("it_masking");
    const auto& s = test_server();
    std::string no_pw = "postgresql://" + s.user + "@" + s.host + ":" + s.port + "/it_masking";
    std::string pgpass = build_dir() + "/it_masking.pgpass";
    {
        std::ofstream f(pgpass);
        f << s.host << ":" << s.port << ":*:" << s.user << ":" << s.password << "\n";
    }
    run({"chmod", "600", pgpass});
    std::vector<std::pair<std::vector<std::string>, std::map<std::string, std::string>>> ways = {
        {{"-d", db.url()}, {{"PGPASSFILE", "/nonexistent"}}},
        {{"-d", no_pw}, {{"PGPASSWORD", s.password}, {"PGPASSFILE", "/nonexistent"}}},
        {{"-d", no_pw}, {{"PGPASSFILE", pgpass}}},
    };
    for (const auto& [args, env] : ways) {
        auto all_env = env;
        all_env["DATABASE_URL"] = "";
        if (!all_env.count("PGPASSWORD")) all_env["PGPASSWORD"] = "";
        std::vector<std::string> argv{build_dir() + "/runner"};
        argv.insert(argv.end(), args.begin(), args.end());
        // A successful run, and a failing one whose message quotes the connection (a role that
        // does not exist): neither may show the password.
        for (auto tail : {std::vector<std::string>{"upgrade", "head", "--dry-run"},
                          std::vector<std::string>{"--role", "nobody_" + s.password, "check"}}) {
            auto full = argv;
            full.insert(full.end(), tail.begin(), tail.end());
            auto r = run(full, all_env);
            CHECK(r.err.find(s.password) == std::string::npos);
            CHECK(r.out.find(s.password) == std::string::npos);
            if (tail.front() == "upgrade") CHECK_MESSAGE(r.exit_code == 0, r.err);
            else CHECK(r.err.find("nobody_***") != std::string::npos);
        }
    }
}

TEST_CASE("connection strings that connect show no password in config, and a short one garbles no message") {
    scratch_database db("it_pw_strings");
    const auto& s = test_server();
    db.exec("DROP ROLE IF EXISTS kv1; CREATE ROLE kv1 LOGIN PASSWORD 'secret1'");
    db.exec("DROP ROLE IF EXISTS q1; CREATE ROLE q1 LOGIN PASSWORD 'sec''ret6'");
    std::map<std::string, std::string> env{{"DATABASE_URL", ""}, {"PGPASSWORD", ""}, {"PGPASSFILE", "/nonexistent"}};
    // libpq accepts blanks around '=' and a quote in a URL's password: both connect.
    std::vector<std::pair<std::string, std::vector<std::string>>> strings = {
        {"host=" + s.host + " port=" + s.port + " user=kv1 password = secret1 dbname=it_pw_strings", {"secret1"}},
        {"postgresql://q1:sec'ret6@" + s.host + ":" + s.port + "/it_pw_strings", {"sec'ret6", "ret6", "sec'"}},
    };
    for (const auto& [url, parts] : strings) {
        CAPTURE(url);
        auto config = run({build_dir() + "/runner", "-d", url, "config"}, env);
        CHECK(config.exit_code == 0);
        CHECK(config.out.find("url = ") != std::string::npos);
        CHECK(config.out.find("***") != std::string::npos);
        auto current = run({build_dir() + "/runner", "-d", url, "current"}, env);
        CHECK_MESSAGE(current.exit_code == 0, current.err);
        for (const auto& part : parts) {
            CHECK(config.out.find(part) == std::string::npos);
            CHECK(config.err.find(part) == std::string::npos);
            CHECK(current.out.find(part) == std::string::npos);
            CHECK(current.err.find(part) == std::string::npos);
        }
    }
    // Password "p": the message keeps its words ("password", "postgres"), only the password is masked.
    auto r = run({build_dir() + "/runner", "-d", "postgresql://postgres:p@" + s.host + ":" + s.port + "/it_pw_strings",
                  "current"},
                 env);
    CHECK(r.exit_code == 1);
    CHECK_MESSAGE(r.err.find("password authentication failed for user \"postgres\"") != std::string::npos, r.err);
    CHECK(r.err.find("***") == std::string::npos);
    db.exec("DROP ROLE kv1; DROP ROLE q1");
}
