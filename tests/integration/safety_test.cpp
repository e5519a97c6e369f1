// The live-database guards against the real server: checksums and repair, dry run, timeouts,
// verify, lint output, single transaction, the history table's own schema, check's exit codes,
// role / search_path / version-table schema.
#include "postgres.hpp"
#include "process.hpp"

#include <pqxx/pqxx>

#include <doctest/doctest.h>

using namespace retort::test;

namespace {
std::string fixture_runner(const char* name) { return build_dir() + "/tests/runner_" + name; }

run_result on(const char* fixture, const std::string& url, std::vector<std::string> args,
              std::map<std::string, std::string> env = {}) {
    args.insert(args.begin(), {fixture_runner(fixture), "-d", url});
    env.emplace("DATABASE_URL", "");
    return run(args, env);
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("a modified applied revision is refused, reported by check, accepted after repair") {
    scratch_database db("it_modified");
    REQUIRE(on("faults", db.url(), {"upgrade", "fb2000000002"}).exit_code == 0);
    std::map<std::string, std::string> edited{{"RETORT_TEST_VARIANT", "edited"}};

    auto refused = on("faults", db.url(), {"upgrade", "head"}, edited);
    CHECK(refused.exit_code == 1);
    CHECK(count_lines(refused.err) == 1);
    CHECK(has(refused.err, "error: applied revision fa1000000001 ("));
    CHECK(has(refused.err, "changed since it was applied; review the change, then run 'runner repair'"));
    CHECK(db.column("SELECT version_num FROM retort_version") == std::vector<std::string>{"fb2000000002"});

    auto check = on("faults", db.url(), {"check"}, edited);
    CHECK(check.exit_code == 5);
    CHECK(has(check.out, "modified: revision fa1000000001"));

    auto repair = on("faults", db.url(), {"repair"}, edited);
    CHECK(repair.exit_code == 0);
    CHECK(has(repair.out, "re-recorded the checksum of fa1000000001"));
    CHECK(db.value("SELECT count(*) FROM retort_history WHERE direction = 'repair'") == "1");

    auto accepted = on("faults", db.url(), {"upgrade", "head"}, edited);
    CHECK_MESSAGE(accepted.exit_code == 0, accepted.err);
    CHECK(on("faults", db.url(), {"check"}, edited).exit_code == 0);
    // Without the edit the compiled revision differs from the repaired record again.
    CHECK(on("faults", db.url(), {"check"}).exit_code == 5);
    CHECK(on("faults", db.url(), {"upgrade", "head", "--allow-modified"}).exit_code == 0);
}

TEST_CASE("upgrade --dry-run prints the plan and its exact SQL and changes nothing") {
    scratch_database db("it_dry_run");
    REQUIRE(on("faults", db.url(), {"upgrade", "fa1000000001"}).exit_code == 0);
    auto before = db.column("SELECT revision || direction FROM retort_history ORDER BY id");
    auto r = on("faults", db.url(), {"upgrade", "head", "--dry-run", "--lock-timeout", "3s"});
    CHECK_MESSAGE(r.exit_code == 0, r.err);
    CHECK(has(r.err, "Dry run: 2 steps planned; nothing will change"));
    CHECK(has(r.out, "-- Running upgrade fa1000000001 -> fb2000000002, ledger with five statements"));
    CHECK(has(r.out, "SET LOCAL lock_timeout = '3s';"));
    CHECK(has(r.out, "ALTER TABLE accounts ADD COLUMN balance NUMERIC(12, 2);"));
    CHECK(has(r.out, "INSERT INTO retort_history (revision, direction, checksum"));
    CHECK(db.tables() == std::vector<std::string>{"accounts", "retort_history", "retort_version"});
    CHECK(db.column("SELECT version_num FROM retort_version") == std::vector<std::string>{"fa1000000001"});
    CHECK(db.column("SELECT revision || direction FROM retort_history ORDER BY id") == before);
    auto down = on("faults", db.url(), {"downgrade", "base", "--dry-run"});
    CHECK(down.exit_code == 0);
    CHECK(has(down.out, "DROP TABLE accounts;"));
    CHECK(db.tables() == std::vector<std::string>{"accounts", "retort_history", "retort_version"});
}

TEST_CASE("a lock timeout on a table another session holds names the statement that waited, retries retry") {
    scratch_database db("it_lock_timeout");
    REQUIRE(on("faults", db.url(), {"upgrade", "fa1000000001"}).exit_code == 0);
    pqxx::connection holder(db.url());
    pqxx::work tx(holder);
    tx.exec("LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE");

    auto r = on("faults", db.url(), {"upgrade", "head", "--lock-timeout", "300ms", "--blocker-wait", "0"});
    CHECK(r.exit_code == 1);
    CHECK(has(r.err, "error: revision fb2000000002 failed and was rolled back: ERROR: canceling statement due to "
                     "lock timeout [SQLSTATE 55P03] in statement: ALTER TABLE accounts ADD COLUMN balance"));
    CHECK(has(r.err, "the lock_timeout (300ms, --lock-timeout) expired"));

    auto retried = on("faults", db.url(), {"upgrade", "head", "--lock-timeout", "200ms", "--retries", "2", "--blocker-wait", "0"});
    CHECK(retried.exit_code == 1);
    CHECK(has(retried.err, "retrying (attempt 2 of 3)"));
    CHECK(has(retried.err, "retrying (attempt 3 of 3)"));
    CHECK(has(retried.err, "expired on all 3 attempts"));
    tx.abort();
    CHECK(db.column("SELECT version_num FROM retort_version") == std::vector<std::string>{"fa1000000001"});
    CHECK(on("faults", db.url(), {"upgrade", "head", "--lock-timeout", "200ms"}).exit_code == 0);
}

TEST_CASE("verify catches a downgrade that does not restore the schema, and passes a correct one") {
    scratch_database db("it_verify");
    auto wrong = on("faults", db.url(), {"verify"}, {{"RETORT_TEST_VARIANT", "wrong_downgrade"}});
    CHECK(wrong.exit_code == 1);
    CHECK(has(wrong.out, "ok      fa1000000001 create accounts"));
    CHECK(has(wrong.out, "FAILED  fb2000000002"));
    CHECK(has(wrong.out, "+ column public.accounts.balance numeric(12,2)"));
    CHECK(has(wrong.err, "error: verify: 1 of 3 revisions do not downgrade to the schema before them: fb2000000002"));
    auto good = on("faults", db.url(), {"verify"});
    CHECK_MESSAGE(good.exit_code == 0, good.err);
    CHECK(has(good.out, "verified 3 revisions"));
    // The scratch databases were dropped, and the target database was never touched.
    CHECK(db.value("SELECT count(*) FROM pg_database WHERE datname LIKE 'retort_verify_%'") == "0");
    CHECK(db.tables().empty());

    scratch_database scratch("it_verify_scratch");
    auto given = on("faults", db.url(), {"verify", "--scratch-url", scratch.url()});
    CHECK(given.exit_code == 0);
}

TEST_CASE("lint: --sql, --dry-run and check flag destructive changes, an acknowledgement shows as a note") {
    scratch_database db("it_lint");
    auto sql = run({fixture_runner("faults"), "upgrade", "head", "--sql"});
    CHECK(sql.exit_code == 0);
    CHECK(has(sql.err, "warning: fc3000000003: require-concurrent-index-creation: CREATE INDEX ix_accounts_balance"));
    CHECK(has(sql.err, "warning: fc3000000003: prefer-timestamp-tz: ALTER TABLE accounts ADD COLUMN opened TIMESTAMP"));
    CHECK(has(sql.err, "note: fc3000000003: ban-drop-column acknowledged (amount moved to ledger"));
    REQUIRE(on("faults", db.url(), {"upgrade", "fb2000000002"}).exit_code == 0);
    auto check = on("faults", db.url(), {"check"});
    CHECK(check.exit_code == 4);
    CHECK(has(check.out, "not at head: 1 revision waiting (database at fb2000000002)"));
    CHECK(has(check.out, "warning: fc3000000003: require-concurrent-index-creation"));
    auto dry = on("faults", db.url(), {"upgrade", "head", "--dry-run"});
    CHECK(has(dry.err, "note: fc3000000003: ban-drop-column acknowledged"));
    auto show = run({fixture_runner("faults"), "show", "fc3000000003"});
    CHECK(show.exit_code == 0);
    CHECK(has(show.out, "    note: fc3000000003: ban-drop-column acknowledged (amount moved to ledger in fb2000000002; no "
                        "reader left): ALTER TABLE ledger DROP COLUMN amount"));
    CHECK(!has(run({fixture_runner("faults"), "show", "fb2000000002"}).out, "acknowledged"));
}

TEST_CASE("--single-transaction: a failure in the last revision leaves nothing of the run") {
    scratch_database db("it_single");
    auto r = on("faults", db.url(), {"upgrade", "head", "--single-transaction"}, {{"RETORT_FAIL_AT", "6"}});
    CHECK(r.exit_code == 1);
    CHECK(has(r.err, "failed and was rolled back: ERROR: division by zero"));
    CHECK(db.tables() == std::vector<std::string>{"retort_history", "retort_version"});
    CHECK(db.column("SELECT version_num FROM retort_version").empty());
    CHECK(db.value("SELECT count(*) FROM retort_history") == "0");
    auto ok = on("faults", db.url(), {"upgrade", "head", "--single-transaction"});
    CHECK_MESSAGE(ok.exit_code == 0, ok.err);
    CHECK(db.value("SELECT count(*) FROM retort_history") == "3");
}

TEST_CASE("retort_history carries its schema version, a runner upgrades the first shape in place") {
    scratch_database db("it_history_upgrade");
    db.exec("CREATE TABLE retort_history (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, revision VARCHAR(32) "
            "NOT NULL, direction VARCHAR(16) NOT NULL, checksum CHAR(64) NOT NULL, started_at TIMESTAMPTZ NOT NULL, "
            "finished_at TIMESTAMPTZ NOT NULL, duration_ms BIGINT NOT NULL, db_user TEXT NOT NULL)");
    db.exec("COMMENT ON TABLE retort_history IS 'retort history schema 1'");
    db.exec("INSERT INTO retort_history (revision, direction, checksum, started_at, finished_at, duration_ms, db_user) "
            "VALUES ('0000', 'downgrade', repeat('0', 64), now(), now(), 0, 'old')");
    auto r = on("faults", db.url(), {"upgrade", "fa1000000001"});
    CHECK_MESSAGE(r.exit_code == 0, r.err);
    CHECK(db.value("SELECT obj_description('retort_history'::regclass, 'pg_class')") == "retort history schema 3");
    CHECK(db.column("SELECT runner_version FROM retort_history ORDER BY id") ==
          std::vector<std::string>{"before 0.1.0", "0.1.0"});
    db.exec("COMMENT ON TABLE retort_history IS 'retort history schema 9'");
    auto newer = on("faults", db.url(), {"upgrade", "head"});
    CHECK(newer.exit_code == 1);
    CHECK(has(newer.err, "has schema 9, newer than this runner knows (3); use a newer runner"));
}

TEST_CASE("check: several heads exit 3, unknown applied revisions exit 6, at head exit 0") {
    scratch_database db("it_check_codes");
    auto base = on("branches", db.url(), {"upgrade", "ba1000000001"});
    REQUIRE_MESSAGE(base.exit_code == 0, base.err);
    auto heads = on("branches", db.url(), {"check"});
    CHECK(heads.exit_code == 3);
    CHECK(has(heads.out, "several heads: bb2000000002, bc3000000003"));
    CHECK(has(heads.out, "not at head: 2 revisions waiting"));

    scratch_database other("it_check_unknown");
    REQUIRE(on("faults", other.url(), {"upgrade", "head"}).exit_code == 0);
    CHECK(on("faults", other.url(), {"check"}).exit_code == 0);
    auto unknown = run({build_dir() + "/runner", "-d", other.url(), "check"}, {{"DATABASE_URL", ""}});
    CHECK(unknown.exit_code == 6);
    CHECK(has(unknown.out, "unknown: revision fc3000000003 is applied but not compiled into this runner"));
}

TEST_CASE("--version-table-schema, --search-path and --role apply after connecting") {
    scratch_database db("it_role_path");
    db.exec("CREATE SCHEMA app; CREATE SCHEMA meta");
    db.exec("DROP ROLE IF EXISTS it_migrator; CREATE ROLE it_migrator");
    db.exec("GRANT ALL ON SCHEMA app, meta TO it_migrator");
    auto r = on("faults", db.url(),
                {"--version-table-schema", "meta", "--search-path", "app", "--role", "it_migrator", "upgrade", "head"});
    CHECK_MESSAGE(r.exit_code == 0, r.err);
    CHECK(db.column("SELECT tablename FROM pg_tables WHERE schemaname = 'app' ORDER BY 1") ==
          std::vector<std::string>{"accounts", "ledger"});
    CHECK(db.column("SELECT tablename || ' ' || tableowner FROM pg_tables WHERE schemaname = 'meta' ORDER BY 1") ==
          std::vector<std::string>{"retort_history it_migrator", "retort_version it_migrator"});
    CHECK(db.value("SELECT version_num FROM meta.retort_version") == "fc3000000003");
    auto missing = on("faults", db.url(), {"--role", "no_such_role", "check"});
    CHECK(missing.exit_code == 1);
    CHECK(has(missing.err, "cannot apply --role/--search-path"));
}
