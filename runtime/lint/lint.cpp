#include "lint/lint.hpp"

#include "core/errors.hpp"
#include "core/suggest.hpp"
#include "core/text.hpp"
#include "lint/sql_tokens.hpp"
#include "locks/lock_facts.hpp"

#include <retort/check.hpp>

#include <algorithm>
#include <cctype>
#include <set>

namespace retort::lint {

namespace {

using tokens = std::vector<token>;

/// PostgreSQL folds unquoted names to lower case; the last part of schema.name is the table.
std::string name_key(const token& k) {
    if (k.kind == token::quoted) return k.text;
    std::string out = k.text;
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

/// The (possibly qualified) name starting at t[i]; moves i past it.
std::string read_name(const tokens& t, std::size_t& i) {
    std::string name;
    while (i < t.size() && (t[i].kind == token::word || t[i].kind == token::quoted)) {
        name = name_key(t[i++]);
        if (i < t.size() && t[i].kind == token::symbol && t[i].text == ".") ++i;
        else break;
    }
    return name;
}

class checker {
public:
    explicit checker(std::vector<finding>& out) : m_out(out) {}

    void statement(const tokens& t, const std::string& text) {
        m_text = text;
        if (is_word(t, 0, "CREATE") && (is_word(t, 1, "TABLE") || has_sequence(t, {"CREATE", "UNLOGGED", "TABLE"}))) {
            std::size_t i = is_word(t, 1, "TABLE") ? 2 : 3;
            skip_words(t, i, {"IF", "NOT", "EXISTS"});
            m_new_tables.insert(read_name(t, i));
            check_types(t);
        } else if (is_word(t, 0, "CREATE") && (is_word(t, 1, "INDEX") || has_sequence(t, {"CREATE", "UNIQUE", "INDEX"}))) {
            std::size_t on = 0;
            while (on < t.size() && !is_word(t, on, "ON")) ++on;
            std::size_t i = on + 1;
            skip_words(t, i, {"ONLY"});
            if (!has_word(t, "CONCURRENTLY") && !m_new_tables.count(read_name(t, i)))
                flag("require-concurrent-index-creation",
                     "create it with {.concurrently = true} inside op.autocommit_block()");
        } else if (is_word(t, 0, "DROP") && is_word(t, 1, "INDEX")) {
            if (!is_word(t, 2, "CONCURRENTLY")) flag("require-concurrent-index-deletion");
        } else if (is_word(t, 0, "DROP") && is_word(t, 1, "TABLE")) {
            flag("ban-drop-table");
        } else if (is_word(t, 0, "ALTER") && is_word(t, 1, "TABLE")) {
            std::size_t i = 2;
            skip_words(t, i, {"IF", "EXISTS", "ONLY"});
            bool is_new = m_new_tables.count(read_name(t, i)) > 0;
            for (const auto& action : split_commas(t, i)) alter_action(action, is_new);
        }
    }

private:
    void flag(const char* rule, std::string advice = {}) { m_out.push_back({rule, m_text, false, {}, std::move(advice)}); }

    void check_types(const tokens& t) {
        for (std::size_t i = 0; i < t.size(); ++i) {
            if ((is_word(t, i, "CHAR") || is_word(t, i, "CHARACTER")) && !is_word(t, i + 1, "VARYING"))
                flag("ban-char-field");
            if (is_word(t, i, "TIMESTAMP")) {
                std::size_t j = i + 1;
                if (j < t.size() && t[j].text == "(") j += 3;  // TIMESTAMP(p)
                if (!is_word(t, j, "WITH")) flag("prefer-timestamp-tz");
            }
        }
    }

    void alter_action(const tokens& a, bool new_table) {
        if (is_word(a, 0, "DROP") && !is_word(a, 1, "CONSTRAINT")) {
            flag("ban-drop-column");
        } else if (is_word(a, 0, "RENAME")) {
            if (is_word(a, 1, "TO")) flag("renaming-table");
            else if (!is_word(a, 1, "CONSTRAINT")) flag("renaming-column");
        } else if (is_word(a, 0, "ALTER")) {
            if (has_word(a, "TYPE")) {
                flag("changing-column-type");
                check_types(a);
            }
            if (has_sequence(a, {"SET", "NOT", "NULL"}))
                flag("adding-not-nullable-field",
                     "use op.set_not_null(table, column): it validates a NOT VALID check first, so SET NOT NULL "
                     "skips its scan (docs/locks.md)");
        } else if (is_word(a, 0, "ADD")) {
            std::size_t i = 1;
            static const std::set<std::string> constraint_words = {"CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK",
                                                                   "FOREIGN", "EXCLUDE"};
            if (i < a.size() && a[i].kind == token::word && constraint_words.count(a[i].text))
                add_constraint(a, new_table);
            else
                add_column(a);
        }
    }

    void add_column(const tokens& a) {
        check_types(a);
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (is_word(a, i, "DEFAULT")) {
                for (std::size_t j = i + 1; j + 1 < a.size(); ++j)
                    if (a[j].kind == token::word && locks::is_volatile_function(a[j].text) && a[j + 1].text == "(") {
                        flag("adding-field-with-default", backfill_instead);
                        break;
                    }
            }
            if (is_word(a, i, "GENERATED") && has_sequence(a, {"ALWAYS", "AS"}) && !has_word(a, "IDENTITY"))
                flag("adding-field-with-default", backfill_instead);
        }
        if (has_sequence(a, {"PRIMARY", "KEY"})) flag("adding-serial-primary-key-field");
    }

    void add_constraint(const tokens& a, bool new_table) {
        if (new_table || has_sequence(a, {"USING", "INDEX"})) return;
        std::size_t i = 1;
        if (is_word(a, i, "CONSTRAINT")) i += 2;
        bool by_index = is_word(a, i, "UNIQUE") || is_word(a, i, "PRIMARY");
        // PostgreSQL cannot add UNIQUE or PRIMARY KEY NOT VALID; squawk still names the rule, so the
        // advice is the way that works: the index first, without blocking writes, then the constraint on it.
        if (!has_sequence(a, {"NOT", "VALID"}))
            flag("constraint-missing-not-valid",
                 by_index ? index_first
                          : "add it with {.not_valid = true}, then op.validate_constraint in the same revision (the "
                            "validation commits on its own, after the constraint is added)");
        if (is_word(a, i, "UNIQUE")) flag("disallowed-unique-constraint", index_first);
        if (is_word(a, i, "PRIMARY")) flag("adding-serial-primary-key-field");
    }

    static constexpr const char* index_first =
        "UNIQUE and PRIMARY KEY cannot be NOT VALID: build the unique index concurrently first, "
        "create_unique_constraint(name, table, columns, {.concurrently = true}) does both steps (ADD CONSTRAINT "
        "name UNIQUE USING INDEX), or {.using_index = \"ix\"} adopts an existing unique index";
    static constexpr const char* backfill_instead =
        "add the column without the default, op.backfill it in batches, then alter_column its server default";

    std::vector<finding>& m_out;
    std::set<std::string> m_new_tables;
    std::string m_text;
};

}  // namespace

const std::vector<std::string>& rule_names() {
    static const std::vector<std::string> names = {
        "ban-drop-table", "ban-drop-column", "renaming-table", "renaming-column", "changing-column-type",
        "adding-not-nullable-field", "adding-field-with-default", "require-concurrent-index-creation",
        "require-concurrent-index-deletion", "constraint-missing-not-valid", "disallowed-unique-constraint",
        "adding-serial-primary-key-field", "ban-char-field", "prefer-timestamp-tz"};
    return names;
}

const std::vector<std::string>& own_rule_names() {
    static const std::vector<std::string> names = {"empty-downgrade", "server-default-function-literal"};
    return names;
}

bool is_rule(const std::string& name) {
    const auto& squawk = rule_names();
    const auto& own = own_rule_names();
    return name == "prefer-timestamptz" || name == locks::large_table_rule || std::find(squawk.begin(), squawk.end(), name) != squawk.end() ||
           std::find(own.begin(), own.end(), name) != own.end();
}

namespace {
void mark_acknowledged(std::vector<finding>& findings, const std::vector<acknowledgement>& acknowledged) {
    for (auto& f : findings)
        for (const auto& a : acknowledged)
            if (a.rule == f.rule || (a.rule == "prefer-timestamptz" && f.rule == "prefer-timestamp-tz")) {
                f.acknowledged = true;
                f.reason = a.reason;
            }
}
}  // namespace

std::vector<finding> lint(const std::vector<render::statement>& statements,
                          const std::vector<acknowledgement>& acknowledged) {
    std::vector<finding> out;
    checker check(out);
    for (const auto& s : statements) {
        if (s.own_transaction) continue;  // a step of a safe recipe (op.set_not_null...): safe by construction
        for (const auto& t : tokenize(s.sql)) check.statement(t, shorten(s.sql));
    }
    // One finding per rule and statement.
    std::vector<finding> unique;
    for (auto& f : out)
        if (std::none_of(unique.begin(), unique.end(),
                         [&](const finding& u) { return u.rule == f.rule && u.statement == f.statement; }))
            unique.push_back(std::move(f));
    mark_acknowledged(unique, acknowledged);
    return unique;
}

std::vector<acknowledgement> acknowledgements(const revision_body& body) {
    auto out = record_acknowledgements(body.upgrade);
    for (auto& a : record_acknowledgements(body.downgrade)) out.push_back(std::move(a));
    return out;
}

std::vector<problem> unknown_acknowledgements(const revision_body& body) {
    std::vector<std::string> known = rule_names();
    known.insert(known.end(), own_rule_names().begin(), own_rule_names().end());
    std::vector<problem> out;
    for (const auto& a : acknowledgements(body))
        if (!is_rule(a.rule))
            out.push_back({a.where, "op.acknowledge(\"" + a.rule + "\", ...) names no lint rule" +
                                        did_you_mean(a.rule, known) + " (rules: README.md, \"Lint\")"});
    return out;
}

std::vector<finding> lint_revision(const std::string& id, const revision_body& body) {
    auto acknowledged = acknowledgements(body);
    if (auto unknown = unknown_acknowledgements(body); !unknown.empty())
        throw error("revision " + id + ": " + retort::describe(unknown.front()));
    auto upgrade = record_with_origins(body.upgrade);
    auto findings = lint(render::render(upgrade.operations));
    for (const auto& w : check_warnings(upgrade)) findings.push_back({w.rule, w.message});
    // Nothing to undo in an empty upgrade (a merge revision); otherwise silence is a forgotten downgrade.
    if (!upgrade.operations.empty() && record(body.downgrade).empty())
        findings.push_back({"empty-downgrade", "downgrade() records nothing; write it, or say op.irreversible(\"why\")"});
    mark_acknowledged(findings, acknowledged);
    return findings;
}

std::string describe(const std::string& revision, const finding& f) {
    if (f.acknowledged) return "note: " + revision + ": " + f.rule + " acknowledged (" + f.reason + "): " + f.statement;
    return "warning: " + revision + ": " + f.rule + ": " + f.statement + (f.advice.empty() ? "" : "; " + f.advice) +
           "; if it is safe here, accept it in the revision: op.acknowledge(\"" + f.rule + "\", \"why\")";
}

}  // namespace retort::lint
