// retort.ini, flags and the environment combined as README documents: flags, then the
// environment, then retort.ini (found from the working directory upward), then defaults.
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
std::string mkrev() { return build_dir() + "/mkrev"; }

fs::path project(const std::string& name, const std::string& ini) {
    fs::path dir = fs::path(build_dir()) / "config-tests" / name;
    fs::remove_all(dir);
    fs::create_directories(dir / "src" / "deep");
    if (!ini.empty()) std::ofstream(dir / "retort.ini") << ini;
    return dir;
}

std::string read(const fs::path& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::map<std::string, std::string> env(std::map<std::string, std::string> extra = {}) {
    std::map<std::string, std::string> e = {{"DATABASE_URL", ""}, {"PGPASSWORD", ""}, {"PGHOST", ""}, {"PGPORT", ""},
                                            {"PGUSER", ""}, {"PGDATABASE", ""}, {"NO_COLOR", "1"}};
    for (auto& [k, v] : extra) e[k] = v;
    return e;
}

std::string head_id() {
    auto heads = run({runner(), "heads"}).out;
    return heads.substr(0, 12);
}
}  // namespace

TEST_CASE("the runner reads retort.ini from a subfolder, flags override it, url_env names the variable") {
    scratch_database db("it_config_file"), other("it_config_flag");
    fs::path dir = project("runner", "[retort]\nurl_env = PROJ_URL\nversion_table = proj_version\n");
    fs::path deep = dir / "src" / "deep";

    // DATABASE_URL points nowhere: url_env says PROJ_URL, so it must not be read.
    auto e = env({{"PROJ_URL", db.url()}, {"DATABASE_URL", "postgresql://nobody:x@127.0.0.1:1/none"}});
    auto up = run({runner(), "upgrade", "head"}, e, deep.string());
    REQUIRE_MESSAGE(up.exit_code == 0, up.err);
    CHECK(db.value("SELECT version_num FROM proj_version") == head_id());
    CHECK(db.value("SELECT to_regclass('retort_version') IS NULL") == "t");

    // -d beats $PROJ_URL; --version-table beats the file.
    auto flagged = run({runner(), "-d", other.url(), "--version-table", "flag_version", "upgrade", "+1"}, e, deep.string());
    REQUIRE_MESSAGE(flagged.exit_code == 0, flagged.err);
    CHECK(other.value("SELECT count(*) FROM flag_version") == "1");
    CHECK(other.value("SELECT to_regclass('proj_version') IS NULL") == "t");

    auto shown = run({runner(), "config"}, e, deep.string());
    REQUIRE(shown.exit_code == 0);
    CHECK(shown.out.find("config_file = " + (dir / "retort.ini").string()) != std::string::npos);
    CHECK(shown.out.find("# $PROJ_URL\n") != std::string::npos);
    CHECK(shown.out.find("version_table = proj_version") != std::string::npos);
    CHECK(shown.out.find(test_server().password) == std::string::npos);
    CHECK(shown.out.find(":***@") != std::string::npos);

    auto flag_shown = run({runner(), "--version-table", "v2", "config"}, e, deep.string());
    CHECK(flag_shown.out.find("version_table = v2") != std::string::npos);
    CHECK(flag_shown.out.find("# --version-table\n") != std::string::npos);
}

TEST_CASE("without retort.ini: DATABASE_URL, then libpq's PG* variables") {
    scratch_database db("it_config_env");
    fs::path outside = project("none", "");
    const auto& s = test_server();
    auto by_url = run({runner(), "upgrade", "+1"}, env({{"DATABASE_URL", db.url()}}), outside.string());
    REQUIRE_MESSAGE(by_url.exit_code == 0, by_url.err);

    auto pg = env({{"PGHOST", s.host}, {"PGPORT", s.port}, {"PGUSER", s.user}, {"PGPASSWORD", s.password},
                   {"PGDATABASE", db.name()}});
    auto by_pg = run({runner(), "upgrade", "+1"}, pg, outside.string());
    REQUIRE_MESSAGE(by_pg.exit_code == 0, by_pg.err);
    CHECK(db.value("SELECT count(*) FROM retort_version") == "1");
    auto shown = run({runner(), "config"}, pg, outside.string());
    CHECK(shown.out.find("config_file = ") != std::string::npos);
    CHECK(shown.out.find("# none found") != std::string::npos);
    CHECK(shown.out.find("PGPASSWORD=***") != std::string::npos);
    CHECK(shown.out.find(s.password) == std::string::npos);
}

TEST_CASE("a password in retort.ini never prints, --config picks a file, a broken file is exit 2") {
    fs::path dir = project("secret", "[retort]\nurl = postgresql://app:filepw@127.0.0.1:1/app\n");
    auto shown = run({runner(), "config"}, env(), dir.string());
    CHECK(shown.exit_code == 0);
    CHECK(shown.out.find("url = postgresql://app:***@127.0.0.1:1/app") != std::string::npos);
    auto failed = run({runner(), "current"}, env(), dir.string());
    CHECK(failed.exit_code == 1);
    CHECK(failed.err.find("filepw") == std::string::npos);

    fs::path other = project("explicit", "");
    auto chosen = run({runner(), "--config", (dir / "retort.ini").string(), "config"}, env(), other.string());
    CHECK(chosen.out.find("# --config\n") != std::string::npos);

    fs::path broken = project("broken", "[retort]\nversion_tabel = x\n");
    auto bad = run({runner(), "current"}, env(), (broken / "src").string());
    CHECK(bad.exit_code == 2);
    CHECK(bad.err == "error: " + (broken / "retort.ini").string() + ":2: unknown setting 'version_tabel'\n");
    CHECK(run({runner(), "--version"}, env(), broken.string()).exit_code == 0);
    CHECK(run({runner(), "--config", (other / "missing.ini").string(), "current"}, env()).exit_code == 2);
}

TEST_CASE("mkrev --init scaffolds a project, mkrev then works from any subfolder") {
    fs::path dir = project("init", "");
    fs::remove(dir / "retort.ini");
    auto init = run({mkrev(), "--init", "app"}, env(), dir.string());
    REQUIRE_MESSAGE(init.exit_code == 0, init.err);
    fs::path app = dir / "app";
    CHECK(fs::is_directory(app / "migrations"));
    CHECK(fs::is_empty(app / "migrations"));
    CHECK(read(app / "retort.ini").find("[retort]\n") != std::string::npos);
    CHECK(read(app / "CMakeLists.txt").find("add_migrations(runner ${CMAKE_CURRENT_SOURCE_DIR}/migrations)") !=
          std::string::npos);
    CHECK(read(app / "CMakeLists.txt").find("project(app LANGUAGES CXX)") != std::string::npos);
    // The schema at head of a project with no revisions: what `runner schema` prints for it.
    CHECK(read(app / "schema.sql").find("SET check_function_bodies = false;\n") != std::string::npos);
    CHECK(init.out.find("created app/schema.sql\n") != std::string::npos);

    fs::create_directories(app / "src" / "db");
    auto first = run({mkrev(), "create users"}, env(), (app / "src" / "db").string());
    REQUIRE_MESSAGE(first.exit_code == 0, first.err);
    CHECK(fs::path(first.out.substr(0, first.out.size() - 1)).parent_path() == app / "migrations");
    auto second = run({mkrev(), "add email"}, env(), (app / "src").string());
    REQUIRE_MESSAGE(second.exit_code == 0, second.err);
    std::string first_id = fs::path(first.out).filename().string().substr(0, 12);
    CHECK(read(second.out.substr(0, second.out.size() - 1)).find("// parents: " + first_id + "\n") != std::string::npos);

    auto again = run({mkrev(), "--init", "."}, env(), app.string());
    CHECK(again.exit_code == 2);
    CHECK(again.err.find("retort.ini exists already") != std::string::npos);

    // An existing CMakeLists.txt is left alone; the lines to add are printed.
    fs::path existing = dir / "existing";
    fs::create_directories(existing);
    std::ofstream(existing / "CMakeLists.txt") << "project(mine)\n";
    auto snippet = run({mkrev(), "--init", existing.string()}, env());
    REQUIRE(snippet.exit_code == 0);
    CHECK(read(existing / "CMakeLists.txt") == "project(mine)\n");
    CHECK(snippet.out.find("find_package(Retort CONFIG REQUIRED)") != std::string::npos);
}

TEST_CASE("runner config shows the timeouts the runner uses, retort.ini durations work as flags do") {
    fs::path none = project("defaults", "");
    auto shown = run({runner(), "config"}, env(), none.string());
    CHECK(shown.out.find("lock_timeout = 5s ") != std::string::npos);
    CHECK(shown.out.find("statement_timeout = 0 ") != std::string::npos);
    CHECK(shown.out.find("lock_wait = 5min ") != std::string::npos);
    CHECK(shown.out.find("max_lock_rows = 0 ") != std::string::npos);
    CHECK(shown.out.find("blocker_wait = 1min ") != std::string::npos);
    CHECK(shown.out.find("terminate_blockers_after = 0 ") != std::string::npos);

    scratch_database db("it_config_durations");
    fs::path days = project("days", "[retort]\nlock_timeout = 1d\nlock_wait = 1h\n");
    auto dry = run({runner(), "-d", db.url(), "upgrade", "head", "--dry-run"}, env(), days.string());
    CHECK_MESSAGE(dry.exit_code == 0, dry.err);
    CHECK(dry.out.find("SET LOCAL lock_timeout = '1d';") != std::string::npos);
    CHECK(run({runner(), "config"}, env(), days.string()).out.find("lock_timeout = 1d ") != std::string::npos);

    fs::path bad = project("bad-duration", "[retort]\n\nlock_timeout = 5sec\n");
    auto refused = run({runner(), "-d", db.url(), "upgrade", "head"}, env(), bad.string());
    CHECK(refused.exit_code == 2);
    CHECK(refused.err == "error: lock_timeout '5sec' (from " + (bad / "retort.ini").string() +
                             ":3) is not a duration; write e.g. 500ms, 5s, 2min, 1h or 1d\n");
}
