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

TEST_CASE("lint: a downgrade() that records nothing is empty-downgrade, unless the upgrade is empty too") {
    auto rules = [](const revision_body& body) {
        std::vector<std::string> out;
        for (const auto& f : lint::lint_revision("abc", body)) out.push_back(f.rule + (f.acknowledged ? " (ack)" : ""));
        return out;
    };
    auto add_column = [](ops& op) { op.add_column("t", Column("c", Text())); };
    auto nothing = [](ops&) {};
    CHECK(rules({add_column, nothing, "x.cpp"}) == std::vector<std::string>{"empty-downgrade"});
    CHECK(rules({add_column, [](ops& op) { op.drop_column("t", "c"); }, "x.cpp"}).empty());
    CHECK(rules({add_column, [](ops& op) { op.irreversible("kept"); }, "x.cpp"}).empty());
    CHECK(rules({nothing, nothing, "merge.cpp"}).empty());
    auto acknowledged = [](ops& op) {
        op.add_column("t", Column("c", Text()));
        op.acknowledge("empty-downgrade", "the column stays");
    };
    CHECK(rules({acknowledged, nothing, "x.cpp"}) == std::vector<std::string>{"empty-downgrade (ack)"});
}

TEST_CASE("lint: constraint-missing-not-valid on UNIQUE advises the index first, every warning says how to accept it") {
    auto found = lint::lint({{"ALTER TABLE o ADD CONSTRAINT uq UNIQUE (a)"}});
    REQUIRE(found.size() == 2);
    CHECK(found[0].rule == "constraint-missing-not-valid");
    CHECK(found[0].advice.find("cannot be NOT VALID: build the unique index concurrently") != std::string::npos);
    CHECK(found[0].advice.find("create_unique_constraint(name, table, columns, {.concurrently = true})") !=
          std::string::npos);
    CHECK(found[0].advice.find("not_valid") == std::string::npos);  // advice PostgreSQL would refuse
    CHECK(found[1].rule == "disallowed-unique-constraint");
    auto check = lint::lint({{"ALTER TABLE o ADD CONSTRAINT ck CHECK (a > 0)"}});
    REQUIRE(check.size() == 1);
    CHECK(check[0].advice.find("{.not_valid = true}, then op.validate_constraint") != std::string::npos);
    CHECK(lint::describe("abc", check[0]) ==
          "warning: abc: constraint-missing-not-valid: ALTER TABLE o ADD CONSTRAINT ck CHECK (a > 0); add it with "
          "{.not_valid = true}, then op.validate_constraint in the same revision (the validation commits on its "
          "own, after the constraint is added); if it is safe here, accept it in the revision: "
          "op.acknowledge(\"constraint-missing-not-valid\", \"why\")");
    for (const auto& f : lint::lint({{"DROP TABLE users"}}))
        CHECK(lint::describe("abc", f).find("op.acknowledge(\"ban-drop-table\", \"why\")") != std::string::npos);
}

TEST_CASE("lint: a quoted function-like default is server-default-function-literal, acknowledgeable") {
    auto rules = [](const revision_body& body) {
        std::vector<std::string> out;
        for (const auto& f : lint::lint_revision("abc", body)) out.push_back(f.rule + (f.acknowledged ? " (ack)" : ""));
        return out;
    };
    auto drop = [](ops& op) { op.drop_column("t", "at"); };
    CHECK(rules({[](ops& op) { op.add_column("t", Column("at", DateTime(true)).server_default("now()")); }, drop,
                 "x.cpp"}) == std::vector<std::string>{"server-default-function-literal"});
    CHECK(rules({[](ops& op) { op.add_column("t", Column("at", DateTime(true)).server_default(sql("now()"))); }, drop,
                 "x.cpp"})
              .empty());
    CHECK(rules({[](ops& op) {
                     op.add_column("t", Column("at", Text()).server_default("f(x)"));
                     op.acknowledge("server-default-function-literal", "the text f(x) is meant");
                 },
                 drop, "x.cpp"}) == std::vector<std::string>{"server-default-function-literal (ack)"});
}

TEST_CASE("lint: an acknowledgement naming no rule is a mistake with its file and line and a suggestion") {
    unsigned line = 0;
    static unsigned* seen;
    seen = &line;
    revision_body body{[](ops& op) {
                           *seen = std::source_location::current().line() + 1;
                           op.acknowledge("ban-drop-colum", "misspelled");
                       },
                       [](ops&) {}, "x.cpp"};
    auto unknown = lint::unknown_acknowledgements(body);
    REQUIRE(unknown.size() == 1);
    CHECK(unknown[0].where.line == line);
    CHECK(unknown[0].where.file.find("lint_test.cpp") != std::string::npos);
    CHECK(unknown[0].message == "op.acknowledge(\"ban-drop-colum\", ...) names no lint rule; did you mean "
                                "'ban-drop-column'? (rules: README.md, \"Lint\")");
    CHECK_THROWS_WITH(lint::lint_revision("abc", body),
                      doctest::Contains("names no lint rule; did you mean 'ban-drop-column'?"));
    CHECK(lint::unknown_acknowledgements({[](ops& op) { op.acknowledge("empty-downgrade", "ok"); }, [](ops&) {},
                                          "x.cpp"})
              .empty());
}

TEST_CASE("lint: the safe recipes' own steps draw nothing, and warnings name the recipe to use instead") {
    CHECK(lint::lint(render::render(record([](ops& op) { op.set_not_null("users", "email"); }))).empty());
    auto found = lint::lint({{"ALTER TABLE users ALTER COLUMN email SET NOT NULL"}});
    REQUIRE(found.size() == 1);
    CHECK(found[0].advice.find("op.set_not_null(table, column)") != std::string::npos);
    auto unique = lint::lint(render::render(record([](ops& op) {
        op.create_unique_constraint("uq_users_email", "users", {"email"}, {.concurrently = true});
    })));
    CHECK(unique.empty());
    auto with_default = lint::lint({{"ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid()"}});
    REQUIRE(with_default.size() == 1);
    CHECK(with_default[0].advice.find("op.backfill") != std::string::npos);
    CHECK(lint::is_rule("lock-on-large-table"));
}
