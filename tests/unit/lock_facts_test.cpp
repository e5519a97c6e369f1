// The pure lock classifier (runtime/locks): raw SQL shapes, and docs/locks.md kept in step.
#include "locks/catalogue.hpp"
#include "locks/lock_facts.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

using namespace retort::locks;

namespace {
std::string summary(const std::string& sql) {
    auto f = classify_sql(sql);
    std::string out = std::string(name(f.work)) + (f.certain ? "" : "?");
    for (const auto& t : f.tables) out += std::string(" ") + (t.schema.empty() ? "" : t.schema + ".") + t.table + "=" + name(t.mode);
    return out;
}
}  // namespace

TEST_CASE("raw SQL is classified by its leading keywords, and unknown otherwise") {
    CHECK(summary("create index concurrently if not exists ix on app.\"Users\" (email)") ==
          "scan app.Users=SHARE UPDATE EXCLUSIVE");
    CHECK(summary("ALTER TABLE ONLY t ADD COLUMN c int DEFAULT 0, ALTER COLUMN d SET NOT NULL") ==
          "scan t=ACCESS EXCLUSIVE");
    CHECK(summary("ALTER TABLE t ADD COLUMN c timestamptz DEFAULT clock_timestamp()") == "rewrite t=ACCESS EXCLUSIVE");
    CHECK(summary("ALTER TABLE t ADD COLUMN c int DEFAULT my_func()") == "rewrite? t=ACCESS EXCLUSIVE");
    CHECK(summary("ALTER TABLE t ADD COLUMN c numeric DEFAULT '1'::numeric(10)") == "catalog-only t=ACCESS EXCLUSIVE");
    CHECK(summary("ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES s.u (id) NOT VALID") ==
          "catalog-only t=SHARE ROW EXCLUSIVE s.u=SHARE ROW EXCLUSIVE");
    CHECK(summary("ALTER TABLE t ADD CONSTRAINT u UNIQUE USING INDEX ux") == "catalog-only t=ACCESS EXCLUSIVE");
    CHECK(summary("update t set a = 1; delete from u") == "rows t=ROW EXCLUSIVE u=ROW EXCLUSIVE");
    CHECK(summary("UPDATE t SET a = 1; SELECT pg_sleep(1)") == "unknown? t=ROW EXCLUSIVE");
    CHECK(summary("DO $$ BEGIN PERFORM 1; END $$") == "unknown?");
    CHECK(summary("VACUUM t") == "unknown?");
}

TEST_CASE("the lock level helpers follow PostgreSQL's conflict table") {
    CHECK(conflicts(level::access_exclusive, level::access_share));
    CHECK_FALSE(conflicts(level::share_update_exclusive, level::row_exclusive));
    CHECK(conflicts(level::share, level::row_exclusive));
    CHECK_FALSE(conflicts(level::share, level::share));
    CHECK(blocks_writes(level::share));
    CHECK_FALSE(blocks_writes(level::share_update_exclusive));
}

TEST_CASE("docs/locks.md is what runner locks generates") {
    std::ifstream in(std::string(RETORT_DOCS_DIR) + "/locks.md");
    std::stringstream file;
    file << in.rdbuf();
    CHECK_MESSAGE(file.str() == markdown(), "docs/locks.md is stale: run build/runner locks > docs/locks.md");
}
