// The destructive-change linter against a golden file whose expected findings come from the real
// squawk (squawk-cli 2.66, --assume-in-transaction, restricted to the rules Retort implements):
// tests/lint/compare-with-squawk regenerates tests/lint/golden.expected.
#include "lint/lint.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

using namespace retort;

namespace {
std::vector<std::string> read_lines(const std::string& path) {
    std::ifstream in(path);
    REQUIRE_MESSAGE(in, "cannot read " << path);
    std::vector<std::string> out;
    std::string line;
    while (std::getline(in, line)) out.push_back(line);
    return out;
}

std::vector<std::string> rules_of(const std::string& sql) {
    std::vector<std::string> out;
    for (const auto& f : lint::lint({{sql}})) out.push_back(f.rule);
    return out;
}
}  // namespace

TEST_CASE("lint: the golden file draws exactly squawk's findings, rule by rule and line by line") {
    auto sql = read_lines(RETORT_LINT_GOLDEN_DIR "/golden.sql");
    std::vector<render::statement> statements;
    for (const auto& line : sql) statements.push_back({line.substr(0, line.size() - 1)});  // without ';'
    std::set<std::string> got, expected;
    for (const auto& f : lint::lint(statements)) {
        std::size_t line = 0;
        while (line < sql.size() && sql[line].rfind(f.statement, 0) != 0) ++line;
        got.insert(std::to_string(line + 1) + " " + f.rule);
    }
    for (const auto& line : read_lines(RETORT_LINT_GOLDEN_DIR "/golden.expected")) expected.insert(line);
    CHECK(got == expected);
    // Every rule the linter knows is exercised by the golden file.
    std::set<std::string> covered;
    for (const auto& e : expected) covered.insert(e.substr(e.find(' ') + 1));
    CHECK(covered.size() == lint::rule_names().size());
}

TEST_CASE("lint: one golden case per rule") {
    const std::map<std::string, std::string> one_each = {
        {"ban-drop-table", "DROP TABLE users"},
        {"ban-drop-column", "ALTER TABLE users DROP COLUMN name"},
        {"renaming-table", "ALTER TABLE users RENAME TO people"},
        {"renaming-column", "ALTER TABLE users RENAME COLUMN a TO b"},
        {"changing-column-type", "ALTER TABLE users ALTER COLUMN a TYPE TEXT"},
        {"adding-not-nullable-field", "ALTER TABLE users ALTER COLUMN a SET NOT NULL"},
        {"adding-field-with-default", "ALTER TABLE users ADD COLUMN t UUID DEFAULT gen_random_uuid()"},
        {"require-concurrent-index-creation", "CREATE INDEX ix ON users (a)"},
        {"require-concurrent-index-deletion", "DROP INDEX ix"},
        {"constraint-missing-not-valid", "ALTER TABLE o ADD CONSTRAINT ck CHECK (a > 0)"},
        {"disallowed-unique-constraint", "ALTER TABLE o ADD CONSTRAINT uq UNIQUE (a)"},
        {"adding-serial-primary-key-field", "ALTER TABLE o ADD COLUMN id SERIAL PRIMARY KEY"},
        {"ban-char-field", "ALTER TABLE o ADD COLUMN c CHAR(2)"},
        {"prefer-timestamp-tz", "ALTER TABLE o ADD COLUMN t TIMESTAMP"},
    };
    CHECK(one_each.size() == lint::rule_names().size());
    for (const auto& [rule, sql] : one_each) {
        CAPTURE(sql);
        auto rules = rules_of(sql);
        CHECK(std::find(rules.begin(), rules.end(), rule) != rules.end());
    }
}

TEST_CASE("lint: safe spellings and words inside names or strings draw nothing") {
    CHECK(rules_of("CREATE INDEX CONCURRENTLY ix ON users (a)").empty());
    CHECK(rules_of("ALTER TABLE users ADD COLUMN \"drop\" TEXT DEFAULT 'DROP TABLE x'").empty());
    CHECK(rules_of("ALTER TABLE o ADD CONSTRAINT fk FOREIGN KEY(a) REFERENCES u (id) NOT VALID").empty());
    CHECK(rules_of("UPDATE users SET note = 'ALTER TABLE users DROP COLUMN x'").empty());
    CHECK(rules_of("CREATE TABLE t (id INTEGER, PRIMARY KEY (id)); CREATE INDEX ix ON t (id)").empty());
}

TEST_CASE("lint: an acknowledgement marks the finding and keeps its reason") {
    auto found = lint::lint({{"ALTER TABLE users DROP COLUMN name"}}, {{"ban-drop-column", "nobody reads it"}});
    REQUIRE(found.size() == 1);
    CHECK(found[0].acknowledged);
    CHECK(lint::describe("abc", found[0]) ==
          "note: abc: ban-drop-column acknowledged (nobody reads it): ALTER TABLE users DROP COLUMN name");
}

TEST_CASE("lint: the safe recipes' own steps draw nothing, and warnings name the recipe to use instead") {
    CHECK(lint::lint(render::render(record([](ops& op) { op.set_not_null("users", "email"); }))).empty());
    auto found = lint::lint({{"ALTER TABLE users ALTER COLUMN email SET NOT NULL"}});
    REQUIRE(found.size() == 1);
    CHECK(lint::describe("abc", found[0]) == "warning: abc: adding-not-nullable-field: ALTER TABLE users ALTER COLUMN "
                                             "email SET NOT NULL (instead: op.set_not_null(table, column), see "
                                             "docs/locks.md)");
}
