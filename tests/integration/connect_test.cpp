// One way to connect: every command reads and writes the version table that --search-path and
// --version-table-schema name, the lock key follows the resolved schema (and stays what older
// runners took without them); stamp records its history; a cancel is not a timeout; a closed
// connection says which revision it rolled back.
#include "background.hpp"
#include "postgres.hpp"
#include "process.hpp"

#include <pqxx/pqxx>

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

using namespace retort::test;

namespace {
run_result faults(const scratch_database& db, std::vector<std::string> args,
                  std::map<std::string, std::string> env = {}) {
    args.insert(args.begin(), {build_dir() + "/tests/runner_faults", "-d", db.url()});
    env.emplace("DATABASE_URL", "");
    return run(args, env);
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<std::string> with(const std::vector<std::string>& flags, std::vector<std::string> args) {
    args.insert(args.begin(), flags.begin(), flags.end());
    return args;
}
}  // namespace

TEST_CASE("every command uses the version table --search-path or --version-table-schema names") {
    struct way {
        const char* database;
        std::vector<std::string> flags;
        const char* schema;
    };
    for (const auto& w : {way{"it_connect_path", {"--search-path", "app"}, "app"},
                          way{"it_connect_vts", {"--version-table-schema", "meta"}, "meta"}}) {
        CAPTURE(w.schema);
        scratch_database db(w.database);
        db.exec("CREATE SCHEMA app; CREATE SCHEMA meta");
        auto version = [&] { return db.column(std::string("SELECT version_num FROM ") + w.schema + ".retort_version"); };
        auto history = [&] {
            return db.column(std::string("SELECT revision || ' ' || direction FROM ") + w.schema +
                             ".retort_history ORDER BY id");
        };
        auto up = faults(db, with(w.flags, {"upgrade", "fb2000000002"}));
        REQUIRE_MESSAGE(up.exit_code == 0, up.err);
        CHECK(version() == std::vector<std::string>{"fb2000000002"});
        CHECK(has(faults(db, with(w.flags, {"current"})).out, "fb2000000002"));
        CHECK(has(faults(db, with(w.flags, {"history", "--indicate-current"})).out, "fb2000000002 (current)"));
        CHECK(has(faults(db, with(w.flags, {"show", "current"})).out, "fb2000000002"));
        CHECK(faults(db, with(w.flags, {"check"})).exit_code == 4);
        auto dry = faults(db, with(w.flags, {"upgrade", "head", "--dry-run"}));
        CHECK(has(dry.err, "Dry run: 1 step planned"));
        REQUIRE(faults(db, with(w.flags, {"stamp", "fa1000000001"})).exit_code == 0);
        CHECK(version() == std::vector<std::string>{"fa1000000001"});
        REQUIRE(faults(db, with(w.flags, {"stamp", "fb2000000002"})).exit_code == 0);
        CHECK(faults(db, with(w.flags, {"repair"})).exit_code == 0);
        REQUIRE(faults(db, with(w.flags, {"upgrade", "head"})).exit_code == 0);
        CHECK(faults(db, with(w.flags, {"check"})).exit_code == 0);
        REQUIRE(faults(db, with(w.flags, {"downgrade", "fb2000000002"})).exit_code == 0);
        CHECK(version() == std::vector<std::string>{"fb2000000002"});
        CHECK(history() == std::vector<std::string>{"fa1000000001 upgrade", "fb2000000002 upgrade",
                                                    "fb2000000002 unstamp", "fb2000000002 stamp",
                                                    "fc3000000003 upgrade", "fc3000000003 downgrade"});
        // verify replays on a scratch database it creates with the target's schemas.
        auto verified = faults(db, with(w.flags, {"verify"}));
        CHECK_MESSAGE(verified.exit_code == 0, verified.err);
        // Nothing went to public.
        CHECK(db.value("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'retort%'") == "0");
    }
}

TEST_CASE("the lock key: older runners' key without --search-path, the resolved schema's with it") {
    scratch_database db("it_lock_key");
    db.exec("CREATE SCHEMA app");
    // FNV-1a of "retort:it_lock_key:public.retort_version" and "retort:it_lock_key:app.retort_version":
    // runners before db::open took the first, so old and new runners exclude each other.
    const std::string public_key = "2915710076058429412", app_key = "1192444500544639562";
    pqxx::connection holder(db.url());
    pqxx::nontransaction tx(holder);
    tx.exec("SELECT pg_advisory_lock(" + public_key + ")");
    for (auto args : {std::vector<std::string>{"upgrade", "head"}, std::vector<std::string>{"stamp", "head"},
                      std::vector<std::string>{"repair"}}) {
        args.insert(args.end(), {"--lock-wait", "1s"});
        auto r = faults(db, args);
        CAPTURE(args.front());
        CHECK(r.exit_code == 1);
        CHECK(has(r.err, "error: gave up waiting for the migration lock after 1s"));
    }
    CHECK(faults(db, {"current"}).exit_code == 0);  // reading takes no lock
    CHECK(faults(db, {"check"}).exit_code == 4);
    // Another schema is another lock; --search-path app and --version-table-schema app share it.
    REQUIRE(faults(db, {"--search-path", "app", "stamp", "fa1000000001", "--lock-wait", "1s"}).exit_code == 0);
    tx.exec("SELECT pg_advisory_unlock(" + public_key + "), pg_advisory_lock(" + app_key + ")");
    CHECK(faults(db, {"upgrade", "head", "--lock-wait", "1s"}).exit_code == 0);
    CHECK(faults(db, {"--search-path", "app", "stamp", "head", "--lock-wait", "1s"}).exit_code == 1);
    CHECK(faults(db, {"--version-table-schema", "app", "upgrade", "head", "--lock-wait", "1s"}).exit_code == 1);
}

TEST_CASE("stamp records each revision stamped on or off with its checksum, check reads it, -q is quiet") {
    scratch_database db("it_stamp_history"), upgraded("it_stamp_upgraded");
    auto quiet = faults(db, {"-q", "stamp", "fb2000000002", "--lock-wait", "2s", "--lock-timeout", "1s",
                             "--statement-timeout", "10s"});
    CHECK_MESSAGE(quiet.exit_code == 0, quiet.err);
    CHECK(quiet.err.empty());
    CHECK(db.column("SELECT revision || ' ' || direction FROM retort_history ORDER BY id") ==
          std::vector<std::string>{"fa1000000001 stamp", "fb2000000002 stamp"});
    REQUIRE(faults(upgraded, {"upgrade", "fb2000000002"}).exit_code == 0);
    CHECK(db.column("SELECT checksum FROM retort_history ORDER BY id") ==
          upgraded.column("SELECT checksum FROM retort_history ORDER BY id"));
    // A stamped revision edited afterwards is reported like an upgraded one.
    auto edited = faults(db, {"check"}, {{"RETORT_TEST_VARIANT", "edited"}});
    CHECK(edited.exit_code == 5);
    CHECK(has(edited.out, "modified: revision fa1000000001"));
    auto loud = faults(db, {"stamp", "fa1000000001"});
    CHECK(has(loud.err, "Running stamp fb2000000002 -> fa1000000001"));
    CHECK(db.value("SELECT revision || ' ' || direction FROM retort_history ORDER BY id DESC LIMIT 1") ==
          "fb2000000002 unstamp");
    CHECK(faults(db, {"check"}).exit_code == 4);
    REQUIRE(faults(db, {"stamp", "--purge", "base"}).exit_code == 0);
    CHECK(db.value("SELECT revision || ' ' || direction FROM retort_history ORDER BY id DESC LIMIT 1") ==
          "fa1000000001 unstamp");
}

TEST_CASE("an administrator's cancel is not a timeout and is not retried, a closed connection names its revision") {
    scratch_database db("it_cancel");
    REQUIRE(faults(db, {"upgrade", "fa1000000001"}).exit_code == 0);
    for (const char* how : {"pg_cancel_backend", "pg_terminate_backend"}) {
        CAPTURE(how);
        std::string log = build_dir() + "/it_cancel.log";
        background sleeper({build_dir() + "/tests/runner_faults", "-d", db.url(), "upgrade", "head", "--retries", "2"},
                           log, {{"RETORT_FAULT", "sleep"}, {"DATABASE_URL", ""}});
        std::string find = "FROM pg_stat_activity WHERE query LIKE '%pg_sleep(60)%' AND pid <> pg_backend_pid()";
        REQUIRE(eventually([&] { return db.value("SELECT count(*) " + find) == "1"; }));
        db.exec("SELECT " + std::string(how) + "(pid) " + find);
        CHECK(sleeper.wait() == 1);
        auto err = read_file(log);
        CHECK(!has(err, "retrying"));
        CHECK(!has(err, "statement_timeout"));
        if (std::string(how) == "pg_cancel_backend") {
            CHECK_MESSAGE(has(err, "error: revision fb2000000002 failed and was rolled back: ERROR: canceling statement "
                                   "due to user request"), err);
            CHECK(has(err, "it was cancelled from outside (pg_cancel_backend or a server shutdown), not by a timeout "
                           "of this run, so it is not retried"));
        } else {
            CHECK_MESSAGE(has(err, "error: the server closed the connection while revision fb2000000002 was running "
                                   "(pg_terminate_backend, a server stop or a network failure); PostgreSQL rolled it "
                                   "back"), err);
        }
        CHECK(db.column("SELECT version_num FROM retort_version") == std::vector<std::string>{"fa1000000001"});
    }
}
