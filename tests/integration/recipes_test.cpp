// The safe recipes on the real server: set_not_null, a NOT VALID foreign key validated in its own
// transaction, unique constraints from a concurrent index or an existing one, and a batched
// backfill that resumes after the last committed batch.
#include "postgres.hpp"
#include "process.hpp"

#include <doctest/doctest.h>

using namespace retort::test;

namespace {
run_result recipes(const std::string& url, std::vector<std::string> args) {
    args.insert(args.begin(), {build_dir() + "/tests/runner_recipes", "-d", url});
    return run(args, {{"DATABASE_URL", ""}});
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("safe recipes commit step by step, and a backfill resumes after the last committed batch") {
    scratch_database db("it_recipes");
    REQUIRE(recipes(db.url(), {"upgrade", "rc1000000001"}).exit_code == 0);
    db.exec("INSERT INTO owners SELECT g FROM generate_series(1, 10) g");
    db.exec("INSERT INTO people (id, email, owner_id) SELECT g, 'p' || g, 1 + g % 10 FROM generate_series(1, 5000) g");

    auto single = recipes(db.url(), {"upgrade", "head", "--single-transaction"});
    CHECK(single.exit_code == 2);
    CHECK(has(single.err, "a safe recipe that commits step by step"));

    auto sql = recipes(db.url(), {"upgrade", "head", "--sql"});
    CHECK(sql.exit_code == 1);
    CHECK(has(sql.err, "has op.backfill on people, which runs in batches against the live database"));
    CHECK(sql.out.empty());

    db.exec("INSERT INTO stop_backfill VALUES (2500)");
    auto stopped = recipes(db.url(), {"upgrade", "head"});
    CHECK(stopped.exit_code == 1);
    CHECK(has(stopped.err, "backfill of people failed in batch 3 (after id 2000; the batches before it are committed)"));
    CHECK(has(stopped.err, "backfill people: batch 2, 1000 rows (2000 in all), last id 2000"));
    CHECK(db.value("SELECT version_num FROM retort_version") == "rc2000000002");
    CHECK(db.column("SELECT detail FROM retort_history WHERE direction = 'backfill 1' ORDER BY id") ==
          std::vector<std::string>{"1000", "2000"});
    CHECK(db.value("SELECT count(*) FROM people WHERE touched = 1") == "2000");

    // What set_not_null, the NOT VALID foreign key and the concurrent unique constraint left.
    CHECK(db.value("SELECT attnotnull FROM pg_attribute WHERE attrelid = 'people'::regclass AND attname = 'email'") == "t");
    CHECK(db.value("SELECT count(*) FROM pg_constraint WHERE conname = 'people_email_not_null'") == "0");
    CHECK(db.value("SELECT convalidated FROM pg_constraint WHERE conname = 'fk_people_owner'") == "t");
    CHECK(db.value("SELECT contype FROM pg_constraint WHERE conname = 'uq_people_email'") == "u");
    // Its six parts: check NOT VALID | validate | SET NOT NULL, drop check, FK NOT VALID | validate |
    // concurrent index | adopt it with the version row; five committed before the last.
    CHECK(db.value("SELECT count(*) FROM retort_history WHERE revision = 'rc2000000002' AND direction LIKE 'part %/6'") ==
          "5");

    db.exec("DELETE FROM stop_backfill");
    auto resumed = recipes(db.url(), {"upgrade", "head"});
    CHECK_MESSAGE(resumed.exit_code == 0, resumed.err);
    CHECK(has(resumed.err, "backfill people: resuming after id 2000 (the last batch an earlier run committed)"));
    CHECK(has(resumed.err, "backfill people: done, 3000 rows updated"));
    CHECK(db.value("SELECT count(*) FROM people WHERE touched = 1 AND name = upper(email)") == "5000");
    CHECK(db.value("SELECT version_num FROM retort_version") == "rc4000000004");
    CHECK(db.value("SELECT contype FROM pg_constraint WHERE conname = 'uq_people_name'") == "u");

    auto down = recipes(db.url(), {"downgrade", "base"});
    CHECK_MESSAGE(down.exit_code == 0, down.err);
    CHECK(db.tables() == std::vector<std::string>{"retort_history", "retort_version"});
}
