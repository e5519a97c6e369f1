// Checksums that never drift (issue 13, item 12): the checksums of tests/fixtures/catalogue are
// pinned, and a database whose history a 0.1.0 runner wrote (legacy canonical form, history
// schema 2) passes `check`, and has its checksums rewritten by the next run that changes it.
#include "postgres.hpp"
#include "process.hpp"

#include <doctest/doctest.h>

#include <map>

using namespace retort::test;

namespace {
std::string catalogue_runner() { return build_dir() + "/tests/runner_catalogue"; }

run_result catalogue(const scratch_database& db, std::vector<std::string> args) {
    std::vector<std::string> argv{catalogue_runner(), "-d", db.url()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run(argv);
}

// Today's form: names, defaults left out. Changing these means every deployed database sees
// every applied revision as modified; see dsl/include/retort/canonical.hpp first.
const std::map<std::string, std::string> golden = {
    {"c1a000000001", "ad0888ce1f1af0ad53d179f3c0c11c47cf78c0ac4d1920fab25afbc8bf17b7a2"},
    {"c1a000000002", "9d94755723d23232178d1f1380646750d9c55a92cd6cebce18d9a0637355f5b3"},
    {"c1a000000003", "72388e68719a4f7471a4a3726d6e27affd069ed54f2f3f7eae28b194869c5112"},
    {"c1a000000004", "4cb008e40b5e7b6d962dbff681a3acbbb664f342fbbc1cdba7087fa14b112353"},
    {"c1a000000005", "2fc26292d544c9f01d6664d813a49efa3ca602107115e49abb68b2d7b07684c2"},
    {"c1a000000006", "68e14942e14f13af6ce5b5b7102baf094bba93a64da8e705b9e6322792efc519"},
    {"c1a000000007", "c8b9afd497e0cc9a2b8700a3b0438693e23ece170e354b00adae7ec46740a9be"},
    {"c1a000000008", "b74dffbbaef30904423236164ea8ffa9054c1c52b5f50d9fb0e6a3cc3b9c69c1"},
    {"c1a000000009", "55c603ad086b1d045adbc949949a5946bd95020fa377346d36c1511abd1b6cf8"},
};

// What the 0.1.0 runner (main before this change) recorded for the same revisions.
const std::map<std::string, std::string> legacy = {
    {"c1a000000001", "9d8affd878d229eec5be76f9c8b5473d3c2496157527c13cfa8e99bb2ac37e80"},
    {"c1a000000002", "4abb23f63e1ac7c5cc970030133fee504d4b96395c2fcd8c154489879b7c6ef6"},
    {"c1a000000003", "cbdd3c38bd8032b55a7851e67574b837368294a435bb76b610975db3f309eb3d"},
    {"c1a000000004", "0b3457e47e65ca55471ca4c90d14faebfcff1cf23ec7da98534ce9e4098434d8"},
    {"c1a000000005", "9b2608919f18eb92f6fafa5f2b8e4cfecd24a1649271593bdf439488c3dcfa35"},
    {"c1a000000006", "d0d183b6bff2200cb3e15898a8a1fee72641b327f58f47ae00f7c8421b0a7955"},
    {"c1a000000007", "0e7397042950550a3626fa25905d724f71d0418b36033efa8ad66d35404b1382"},
    {"c1a000000008", "3d619b3588a994484c5ec89cc72382803293ac7bbd74b75d98a3cb43c462a9e3"},
};

/// revision -> checksum of every history row, checking that one revision's rows agree.
std::map<std::string, std::string> recorded(const scratch_database& db) {
    std::map<std::string, std::string> out;
    for (const auto& row : db.column("SELECT revision || ' ' || checksum FROM retort_history WHERE direction <> 'downgrade'")) {
        auto id = row.substr(0, row.find(' ')), checksum = row.substr(row.find(' ') + 1);
        if (out.count(id)) CHECK(out[id] == checksum);
        out[id] = checksum;
    }
    return out;
}

/// Turns the history into what the 0.1.0 runner left: legacy checksums, schema 2.
void make_legacy(const scratch_database& db) {
    for (const auto& [id, checksum] : legacy)
        db.exec("UPDATE retort_history SET checksum = '" + checksum + "' WHERE revision = '" + id + "'");
    db.exec("COMMENT ON TABLE retort_history IS 'retort history schema 2'");
}
}  // namespace

TEST_CASE("the checksums of the catalogue revisions are pinned") {
    scratch_database db("it_checksum_golden");
    auto r = catalogue(db, {"upgrade", "head"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(recorded(db) == golden);
    CHECK(db.value("SELECT obj_description('retort_history'::regclass, 'pg_class')") == "retort history schema 3");
}

TEST_CASE("a history in the legacy form passes check, and the next change rewrites it in today's form") {
    scratch_database db("it_checksum_legacy");
    // What a 0.1.0 runner could apply: c1a000000009's safe recipes came later.
    REQUIRE(catalogue(db, {"upgrade", "c1a000000008"}).exit_code == 0);
    make_legacy(db);
    REQUIRE(recorded(db) == legacy);
    auto check = catalogue(db, {"check"});
    CHECK_MESSAGE(check.exit_code == 4, (check.out + check.err));  // not at head; nothing modified
    CHECK(check.out.find("modified:") == std::string::npos);
    // A legacy checksum that matches no form of the compiled revision still means "modified".
    db.exec("UPDATE retort_history SET checksum = repeat('0', 64) WHERE revision = 'c1a000000003'");
    check = catalogue(db, {"check"});
    CHECK(check.exit_code == 5);
    CHECK(check.out.find("modified: revision c1a000000003") != std::string::npos);
    db.exec("UPDATE retort_history SET checksum = '" + legacy.at("c1a000000003") + "' WHERE revision = 'c1a000000003'");
    // The first run that writes history upgrades the table in place.
    auto down = catalogue(db, {"downgrade", "-1"});
    REQUIRE_MESSAGE(down.exit_code == 0, down.err);
    CHECK(db.value("SELECT obj_description('retort_history'::regclass, 'pg_class')") == "retort history schema 3");
    auto before_recipes = golden;
    before_recipes.erase("c1a000000009");
    CHECK(recorded(db) == before_recipes);
    REQUIRE(catalogue(db, {"upgrade", "head"}).exit_code == 0);
    CHECK(recorded(db) == golden);
    check = catalogue(db, {"check"});
    CHECK_MESSAGE(check.exit_code == 0, (check.out + check.err));
}
