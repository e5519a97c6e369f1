// The differential test: the catalogue of every operation (tests/fixtures/catalogue) applied by
// Retort, and the same catalogue written as Alembic op.* scripts (tests/differential/alembic)
// applied by the real Alembic, must leave identical schemas after upgrade and after downgrade.
#include "postgres.hpp"
#include "process.hpp"

#include <doctest/doctest.h>

#include <sstream>

using namespace retort::test;

namespace {

std::string catalogue_runner() { return build_dir() + "/tests/runner_catalogue"; }

/// Retort keeps its versions in alembic_version here, so the bookkeeping tables match too.
run_result retort_on(const scratch_database& db, const std::string& command, const std::string& target) {
    return run({catalogue_runner(), "-d", db.url(), "--version-table", "alembic_version", command, target},
               {{"DATABASE_URL", ""}, {"PGPASSWORD", ""}});
}

run_result alembic_on(const scratch_database& db, const std::string& command, const std::string& target) {
    return run({"/usr/bin/alembic", "-c", source_dir() + "/tests/differential/alembic/alembic.ini", "-x",
                "url=" + db.url(), command, target},
               {{"PYTHONDONTWRITEBYTECODE", "1"}});
}

std::string normalised_schema(const scratch_database& db) {
    // retort_history is Retort's own bookkeeping, which Alembic does not keep.
    return schema_dump(db.url(), {"-T", "public.retort_history"});
}

/// The first line where two schemas differ, or "" when they are identical.
std::string first_difference(const std::string& a, const std::string& b) {
    std::istringstream ia(a), ib(b);
    std::string la, lb;
    for (int n = 1;; ++n) {
        bool more_a = static_cast<bool>(std::getline(ia, la));
        bool more_b = static_cast<bool>(std::getline(ib, lb));
        if (!more_a && !more_b) return "";
        if (!more_a || !more_b || la != lb)
            return "line " + std::to_string(n) + ": retort `" + (more_a ? la : "<end>") + "` vs alembic `" +
                   (more_b ? lb : "<end>") + "`";
    }
}

void upgrade_both(const scratch_database& retort_db, const scratch_database& alembic_db, const std::string& target) {
    auto r = retort_on(retort_db, "upgrade", target);
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    auto a = alembic_on(alembic_db, "upgrade", target);
    REQUIRE_MESSAGE(a.exit_code == 0, a.err);
}

}  // namespace

TEST_CASE("the catalogue leaves exactly Alembic's schema after upgrade head and after downgrade base") {
    scratch_database retort_db("diff_retort"), alembic_db("diff_alembic");
    upgrade_both(retort_db, alembic_db, "head");
    std::string retort_schema = normalised_schema(retort_db);
    CHECK(retort_schema.find("CREATE TABLE public.links") != std::string::npos);  // the dump really holds the catalogue
    CHECK(first_difference(retort_schema, normalised_schema(alembic_db)) == "");

    auto r = retort_on(retort_db, "downgrade", "base");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    auto a = alembic_on(alembic_db, "downgrade", "base");
    REQUIRE_MESSAGE(a.exit_code == 0, a.err);
    std::string base_schema = normalised_schema(retort_db);
    CHECK(base_schema.find("CREATE TABLE public.alembic_version") != std::string::npos);
    CHECK(base_schema.find("kinds") == std::string::npos);
    CHECK(first_difference(base_schema, normalised_schema(alembic_db)) == "");
}

TEST_CASE("the schema comparison fails on a deliberately different schema") {
    scratch_database retort_db("diff_broken_retort"), alembic_db("diff_broken_alembic");
    upgrade_both(retort_db, alembic_db, "c1a000000001");
    REQUIRE(first_difference(normalised_schema(retort_db), normalised_schema(alembic_db)) == "");
    retort_db.exec("ALTER TABLE kinds ALTER COLUMN small TYPE integer");
    std::string difference = first_difference(normalised_schema(retort_db), normalised_schema(alembic_db));
    CHECK(difference.find("small integer") != std::string::npos);
    CHECK(difference.find("small smallint") != std::string::npos);
}
