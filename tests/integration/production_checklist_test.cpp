// The migrations guide's production checklist as commands (issue 19): `--backup FILE` takes a
// pg_dump before the first change, and the privilege preflight lists every privilege the role
// lacks before anything runs.
#include "postgres.hpp"
#include "process.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

using namespace retort::test;

namespace {
std::string fixture_runner(const char* name) { return build_dir() + "/tests/runner_" + name; }

run_result on(const char* fixture, const std::string& url, std::vector<std::string> args) {
    args.insert(args.begin(), {fixture_runner(fixture), "-d", url});
    return run(args, {{"DATABASE_URL", ""}});
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// accounts owned by the server's superuser, ledger by the app role, public without CREATE for it.
void prepare_roles(const scratch_database& db, const std::string& role) {
    db.exec("DO $$ BEGIN IF EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN EXECUTE 'DROP OWNED BY " +
            role + "'; EXECUTE 'DROP ROLE " + role + "'; END IF; END $$");
    db.exec("CREATE ROLE " + role + " NOLOGIN");
    db.exec("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
    db.exec("GRANT USAGE ON SCHEMA public TO " + role);
    db.exec("CREATE TABLE accounts (id integer PRIMARY KEY, name text, legacy text)");
    db.exec("CREATE TABLE ledger (id integer PRIMARY KEY)");
    db.exec("ALTER TABLE ledger OWNER TO " + role);
}

void drop_role(const scratch_database& db, const std::string& role) {
    db.exec("DROP OWNED BY " + role);
    db.exec("DROP ROLE " + role);
}
}  // namespace

TEST_CASE("the privilege preflight lists every missing privilege, changes nothing, and passes after GRANT") {
    scratch_database db("it_preflight");
    const std::string role = "retort_preflight_app";
    prepare_roles(db, role);
    const std::vector<std::string> expected{
        "version table: CREATE TABLE retort_version: needs CREATE on schema public",
        "revision ab1000000001: CREATE TABLE items ( …: needs CREATE on schema public",
        "revision ab1000000001: CREATE TABLE items ( …: needs REFERENCES on table accounts",
        "revision ab1000000002: CREATE INDEX ix_accounts_name ON accounts (name): must own table accounts (owner: postgres)",
        "revision ab1000000002: CREATE INDEX ix_accounts_name ON accounts (name): needs CREATE on schema public",
        "revision ab1000000003: CREATE TYPE entry_status AS ENUM ('open', 'closed'): needs CREATE on schema public",
        "revision ab1000000004: COMMENT ON TABLE accounts IS 'customer accounts': must own table accounts (owner: postgres)",
        "revision ab1000000004: ALTER TABLE accounts DROP COLUMN legacy: must own table accounts (owner: postgres)",
    };
    auto lists_all = [&](const std::string& text) {
        for (const auto& line : expected) CHECK_MESSAGE(has(text, line + "\n"), line);
    };

    auto refused = on("privileges", db.url(), {"--role", role, "upgrade", "head"});
    CHECK(refused.exit_code == 1);
    lists_all(refused.err);
    CHECK(has(refused.err, "error: role " + role + " lacks 8 privileges the plan needs; nothing was changed"));
    CHECK(db.tables() == std::vector<std::string>{"accounts", "ledger"});

    auto dry = on("privileges", db.url(), {"--role", role, "upgrade", "head", "--dry-run"});
    CHECK(dry.exit_code == 1);
    lists_all(dry.err);
    auto check = on("privileges", db.url(), {"--role", role, "check"});
    CHECK(check.exit_code == 1);
    lists_all(check.err + check.out);
    CHECK(db.tables() == std::vector<std::string>{"accounts", "ledger"});

    db.exec("GRANT CREATE ON SCHEMA public TO " + role);
    db.exec("ALTER TABLE accounts OWNER TO " + role);
    auto granted = on("privileges", db.url(), {"--role", role, "upgrade", "head"});
    CHECK_MESSAGE(granted.exit_code == 0, granted.err);
    CHECK(db.value("SELECT version_num FROM retort_version") == "ab1000000004");
    CHECK(db.value("SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'items'") == role);
    drop_role(db, role);
}

TEST_CASE("--backup takes a pg_dump before a destructive revision, and pg_restore gives the data back") {
    scratch_database db("it_backup");
    REQUIRE(on("faults", db.url(), {"upgrade", "fb2000000002"}).exit_code == 0);
    db.exec("INSERT INTO ledger (id, amount) SELECT n + 1, n * 1.5 FROM generate_series(1, 3) n");
    auto dir = std::filesystem::temp_directory_path() / ("retort-backup-" + db.name());
    std::filesystem::create_directories(dir);
    auto file = (dir / "before.dump").string();

    auto r = on("faults", db.url(), {"upgrade", "head", "--backup", file});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(has(r.err, "Backup: " + file + " ("));
    CHECK(!has(r.err + r.out, test_server().password));
    CHECK(db.value("SELECT count(*) FROM information_schema.columns WHERE table_name = 'ledger' AND column_name = "
                   "'amount'") == "0");
    CHECK(db.value("SELECT count(*) FROM retort_history WHERE direction = 'backup' AND detail LIKE '" + file +
                   " (% bytes, % ms)'") == "1");

    scratch_database restored("it_backup_restored");
    const auto& s = test_server();
    auto restore = run({s.bin_dir + "/pg_restore", "--no-owner", "-h", s.host, "-p", s.port, "-U", s.user, "-d",
                        restored.name(), file},
                       {{"PGPASSWORD", s.password}});
    REQUIRE_MESSAGE(restore.exit_code == 0, restore.err);
    CHECK(restored.column("SELECT amount::text FROM ledger ORDER BY id") ==
          std::vector<std::string>{"0.00", "1.50", "3.00", "4.50"});
    std::filesystem::remove_all(dir);
}

TEST_CASE("a backup that cannot be written stops the run with one line and changes nothing") {
    scratch_database db("it_backup_fails");
    REQUIRE(on("faults", db.url(), {"upgrade", "fb2000000002"}).exit_code == 0);
    auto r = on("faults", db.url(), {"upgrade", "head", "--backup", "/nonexistent-dir/x.dump"});
    CHECK(r.exit_code == 1);
    CHECK(count_lines(r.err) == 1);
    CHECK(has(r.err, "error: the backup to /nonexistent-dir/x.dump failed, nothing was changed: pg_dump: error: could "
                     "not open output file"));
    CHECK(db.value("SELECT version_num FROM retort_version") == "fb2000000002");
    CHECK(!std::filesystem::exists("/nonexistent-dir/x.dump.partial"));
}

TEST_CASE("nothing to run takes no backup") {
    scratch_database db("it_backup_noop");
    REQUIRE(on("faults", db.url(), {"upgrade", "head"}).exit_code == 0);
    auto file = (std::filesystem::temp_directory_path() / ("retort-noop-" + db.name() + ".dump")).string();
    auto r = on("faults", db.url(), {"upgrade", "head", "--backup", file});
    CHECK(r.exit_code == 0);
    CHECK(!std::filesystem::exists(file));
}

TEST_CASE("run_migration.sh --backup passes the backup on to the upgrade, and --help lists it") {
    scratch_database db("it_wrapper_backup");
    auto file = (std::filesystem::temp_directory_path() / ("retort-wrapper-" + db.name() + ".dump")).string();
    std::map<std::string, std::string> env{{"DATABASE_URL", ""}, {"RETORT_RUNNER", build_dir() + "/runner"}};
    auto help = run({source_dir() + "/tools/run_migration.sh", "--help"}, env);
    CHECK(has(help.out, "--backup FILE"));
    auto r = run({source_dir() + "/tools/run_migration.sh", "-d", db.url(), "--backup", file}, env);
    CHECK_MESSAGE(r.exit_code == 0, r.err);
    CHECK(std::filesystem::file_size(file) > 0);
    CHECK(db.value("SELECT count(*) FROM retort_history WHERE direction = 'backup'") == "1");
    std::filesystem::remove(file);
}
