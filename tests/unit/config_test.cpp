// retort.ini and the precedence of settings: flags > environment > file > defaults.
#include "config/duration.hpp"
#include "config/row_count.hpp"
#include "config/settings.hpp"
#include "core/errors.hpp"
#include "core/redact.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>

namespace fs = std::filesystem;
using namespace retort::config;

namespace {
fs::path write_project(const std::string& name, const std::string& text) {
    fs::path dir = fs::temp_directory_path() / ("retort-config-test-" + name);
    fs::remove_all(dir);
    fs::create_directories(dir / "src" / "deep");
    std::ofstream(dir / file_name) << text;
    return dir;
}

env_lookup fake_env(std::map<std::string, std::string> vars) {
    return [vars](const std::string& name) -> std::optional<std::string> {
        auto it = vars.find(name);
        if (it == vars.end()) return std::nullopt;
        return it->second;
    };
}

const std::string sample = "# comment\n[retort]\nmigrations = db/revisions\nurl = postgresql://file@db/app\n"
                           "url_env = APP_DB\n; another comment\nversion_table = app_version\n"
                           "version_table_schema = meta\nlock_timeout = 10s   # why: deploys must not queue\nstatement_timeout = 5min\n"
                           "transaction_mode = single\n";
}  // namespace

TEST_CASE("retort.ini is found from a subfolder, and its paths are relative to it") {
    fs::path dir = write_project("find", sample);
    auto found = find_project_file(dir / "src" / "deep");
    REQUIRE(found);
    CHECK(fs::equivalent(*found, dir / file_name));
    settings s = load(dir / "src" / "deep", std::nullopt, {}, fake_env({}));
    CHECK(s.migrations.text == (dir / "db" / "revisions").string());
    CHECK(s.migrations.source == (dir / file_name).string() + ":3");
    CHECK(s.version_table.text == "app_version");
    CHECK(s.version_table_schema.text == "meta");
    CHECK(s.lock_timeout.text == "10s");
    CHECK(s.statement_timeout.text == "5min");
    CHECK(s.single_transaction());
    CHECK(s.url.text == "postgresql://file@db/app");
}

TEST_CASE("flags beat the environment, which beats the file, which beats defaults") {
    fs::path dir = write_project("precedence", sample);
    auto env = fake_env({{"APP_DB", "postgresql://env@db/app"}, {"DATABASE_URL", "postgresql://ignored@db/app"}});
    settings from_env = load(dir, std::nullopt, {}, env);
    CHECK(from_env.url.text == "postgresql://env@db/app");
    CHECK(from_env.url.source == "$APP_DB");  // url_env names the variable; DATABASE_URL is not read

    overrides flags;
    flags.url = "postgresql://flag@db/app";
    flags.version_table = "flag_version";
    flags.migrations = "elsewhere";
    settings from_flags = load(dir, std::nullopt, flags, env);
    CHECK(from_flags.url.text == "postgresql://flag@db/app");
    CHECK(from_flags.url.source == "--database-url");
    CHECK(from_flags.version_table.text == "flag_version");
    CHECK(from_flags.migrations.text == "elsewhere");
    CHECK(from_flags.version_table_schema.text == "meta");  // not overridden: still the file's

    settings defaults = resolve(std::nullopt, {}, fake_env({{"DATABASE_URL", "postgresql://d@db/x"}}));
    CHECK(defaults.url.text == "postgresql://d@db/x");
    CHECK(defaults.version_table.text == "retort_version");
    CHECK(defaults.migrations.text == "migrations");
    CHECK(defaults.transaction_mode.text == "per-revision");
    CHECK(resolve(std::nullopt, {}, fake_env({})).url.text.empty());  // libpq's PG* variables then
}

TEST_CASE("a broken retort.ini is one clear error naming file and line") {
    auto message = [](const std::string& text) {
        fs::path dir = write_project("broken", text);
        try {
            load(dir, std::nullopt, {}, fake_env({}));
        } catch (const retort::usage_error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    CHECK(message("[retort]\nurl_env = X\nmigratons = m\n").find("retort.ini:3: unknown setting 'migratons'") !=
          std::string::npos);
    CHECK(message("[alembic]\n").find(":1: unknown section [alembic]") != std::string::npos);
    CHECK(message("url = x\n").find(":1: settings go under a [retort] section") != std::string::npos);
    CHECK(message("[retort]\njust words\n").find(":2: expected 'key = value'") != std::string::npos);
    CHECK(message("[retort]\nlock_timeout = soon\n").find("lock_timeout 'soon'") != std::string::npos);
    CHECK(message("[retort]\ntransaction_mode = sometimes\n").find("must be per-revision or single") !=
          std::string::npos);
    CHECK_THROWS_AS(load(fs::temp_directory_path(), fs::path("/nonexistent/retort.ini"), {}, fake_env({})),
                    retort::usage_error);
}

TEST_CASE("one default per setting, and the runner's timeouts are the ones runner config shows") {
    settings d = resolve(std::nullopt, {}, fake_env({}));
    CHECK(d.lock_timeout.text == "5s");  // README: --lock-timeout (default 5s)
    CHECK(d.lock_timeout.source == "default");
    CHECK(d.statement_timeout.text == "0");
    CHECK(d.lock_wait.text == "5min");
    CHECK(d.lock_wait.source == "default");
    CHECK(d.max_lock_rows.text == "0");  // the lock policy is off until asked for
    CHECK(d.blocker_wait.text == "1min");
    CHECK(d.terminate_blockers_after.text == "0");
}

TEST_CASE("the lock settings: retort.ini or flags, a bad value names its file and line or its flag") {
    auto loaded = [](const std::string& text) {
        return load(write_project("lock_settings", text), std::nullopt, {}, fake_env({}));
    };
    auto s = loaded("[retort]\nmax_lock_rows = 100000\nblocker_wait = 30s\nterminate_blockers_after = 2min\n");
    CHECK(s.max_lock_rows.text == "100000");
    CHECK(s.max_lock_rows.source.find("retort.ini:2") != std::string::npos);
    CHECK(s.blocker_wait.text == "30s");
    CHECK(s.terminate_blockers_after.text == "2min");
    overrides flags;
    flags.max_lock_rows = "5";
    CHECK(resolve(std::nullopt, flags, fake_env({})).max_lock_rows.source == "--max-lock-rows");
    CHECK_THROWS_WITH_AS(loaded("[retort]\nmax_lock_rows = lots\n"),
                         doctest::Contains("max_lock_rows 'lots' (from "), retort::usage_error);
    CHECK_THROWS_WITH_AS(loaded("[retort]\nmax_lock_rows = lots\n"),
                         doctest::Contains("retort.ini:2) is not a number of rows"), retort::usage_error);
    CHECK_THROWS_WITH_AS(loaded("[retort]\n\nblocker_wait = soon\n"),
                         doctest::Contains("retort.ini:3) is not a duration"), retort::usage_error);
    CHECK(checked_row_count("max_lock_rows", "1000", "--max-lock-rows") == 1000);
    CHECK_THROWS_WITH_AS(checked_row_count("max_lock_rows", "-1", "--max-lock-rows"),
                         "--max-lock-rows '-1' is not a number of rows; write e.g. 100000, or 0 for no limit",
                         retort::usage_error);
}

TEST_CASE("one duration parser for retort.ini and flags: PostgreSQL's units us, ms, s, min, h, d") {
    using std::chrono::microseconds;
    CHECK(parse_duration("250us") == microseconds(250));
    CHECK(parse_duration("500") == microseconds(500000));  // a bare number is milliseconds
    CHECK(parse_duration("500ms") == microseconds(500000));
    CHECK(parse_duration("5s") == microseconds(5000000));
    CHECK(parse_duration("2min") == microseconds(120000000));
    CHECK(parse_duration("1h") == microseconds(3600000000LL));
    CHECK(parse_duration("1d") == microseconds(86400000000LL));
    for (const char* bad : {"", "soon", "5sec", "-1", "5 s", "1.5s", "s", "99999999999999d"})
        CHECK_MESSAGE(!parse_duration(bad), bad);
    // A value retort.ini accepts is one the flags accept: 1d passes both.
    auto message = [](const std::string& text) {
        fs::path dir = write_project("durations", text);
        try {
            load(dir, std::nullopt, {}, fake_env({}));
        } catch (const retort::usage_error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    CHECK(message("[retort]\nlock_timeout = 1d\nlock_wait = 2h\n") == "no error");
    CHECK_NOTHROW(checked_duration("lock_timeout", "1d", "--lock-timeout", true));
    CHECK(message("[retort]\n\nstatement_timeout = 30d\n").find("statement_timeout '30d' (from ") != std::string::npos);
    CHECK(message("[retort]\n\nstatement_timeout = 30d\n").find("retort.ini:3) is longer than PostgreSQL allows") !=
          std::string::npos);
    CHECK(message("[retort]\nlock_wait = 5sec\n").find("lock_wait '5sec' (from ") != std::string::npos);
    try {
        checked_duration("lock_wait", "5sec", "--lock-wait", false);
        FAIL("accepted");
    } catch (const retort::usage_error& e) {
        CHECK(std::string(e.what()) == "--lock-wait '5sec' is not a duration; write e.g. 500ms, 5s, 2min, 1h or 1d");
    }
    overrides flags;
    flags.version_table = std::string(60, 'v');
    CHECK_THROWS_WITH_AS(resolve(std::nullopt, flags, fake_env({})),
                         "version_table (from --version-table) is 60 bytes long; at most 59 fit, as PostgreSQL cuts "
                         "its key's name (<table>_pkc) at 63",
                         retort::usage_error);
    flags.version_table = std::string(59, 'v');
    CHECK_NOTHROW(resolve(std::nullopt, flags, fake_env({})));
}

TEST_CASE("passwords in key=value connection strings are masked too") {
    CHECK(retort::redact("host=db password=s3cret user=app") == "host=db password=*** user=app");
    CHECK(retort::redact("password='with space' dbname=x") == "password=*** dbname=x");
    CHECK(retort::redact("postgresql://app:pw@db/x") == "postgresql://app:***@db/x");
}
