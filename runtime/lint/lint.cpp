#include "lint/lint.hpp"

#include "core/errors.hpp"
#include "core/text.hpp"
#include "lint/sql_tokens.hpp"
#include "locks/lock_facts.hpp"

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

void skip_words(const tokens& t, std::size_t& i, std::initializer_list<const char*> words) {
    for (bool moved = true; moved;) {
        moved = false;
        for (const char* w : words)
            if (is_word(t, i, w)) {
                ++i;
                moved = true;
            }
    }
}

/// ALTER TABLE's actions, split at top-level commas.
std::vector<tokens> split_actions(const tokens& t, std::size_t from) {
    std::vector<tokens> out(1);
    int depth = 0;
    for (std::size_t i = from; i < t.size(); ++i) {
        if (t[i].kind == token::symbol) {
            if (t[i].text == "(") ++depth;
            if (t[i].text == ")") --depth;
            if (t[i].text == "," && depth == 0) {
                out.emplace_back();
                continue;
            }
        }
        out.back().push_back(t[i]);
    }
    return out;
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
                flag("require-concurrent-index-creation");
        } else if (is_word(t, 0, "DROP") && is_word(t, 1, "INDEX")) {
            if (!is_word(t, 2, "CONCURRENTLY")) flag("require-concurrent-index-deletion");
        } else if (is_word(t, 0, "DROP") && is_word(t, 1, "TABLE")) {
            flag("ban-drop-table");
        } else if (is_word(t, 0, "ALTER") && is_word(t, 1, "TABLE")) {
            std::size_t i = 2;
            skip_words(t, i, {"IF", "EXISTS", "ONLY"});
            bool is_new = m_new_tables.count(read_name(t, i)) > 0;
            for (const auto& action : split_actions(t, i)) alter_action(action, is_new);
        }
    }

private:
    void flag(const char* rule) { m_out.push_back({rule, m_text, false, {}}); }

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
            if (has_sequence(a, {"SET", "NOT", "NULL"})) flag("adding-not-nullable-field");
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
                        flag("adding-field-with-default");
                        break;
                    }
            }
            if (is_word(a, i, "GENERATED") && has_sequence(a, {"ALWAYS", "AS"}) && !has_word(a, "IDENTITY"))
                flag("adding-field-with-default");
        }
        if (has_sequence(a, {"PRIMARY", "KEY"})) flag("adding-serial-primary-key-field");
    }

    void add_constraint(const tokens& a, bool new_table) {
        if (new_table || has_sequence(a, {"USING", "INDEX"})) return;
        if (!has_sequence(a, {"NOT", "VALID"})) flag("constraint-missing-not-valid");
        std::size_t i = 1;
        if (is_word(a, i, "CONSTRAINT")) i += 2;
        if (is_word(a, i, "UNIQUE")) flag("disallowed-unique-constraint");
        if (is_word(a, i, "PRIMARY")) flag("adding-serial-primary-key-field");
    }

    std::vector<finding>& m_out;
    std::set<std::string> m_new_tables;
    std::string m_text;
};

}  // namespace

const char* advice(const std::string& rule) {
    if (rule == "adding-not-nullable-field") return "op.set_not_null(table, column), see docs/locks.md";
    if (rule == "constraint-missing-not-valid")
        return "{.not_valid = true}, then op.validate_constraint in the same revision: it runs in its own transaction";
    if (rule == "disallowed-unique-constraint")
        return "create_unique_constraint(..., {.concurrently = true}), or {.using_index = \"name\"}";
    if (rule == "require-concurrent-index-creation") return "{.concurrently = true} inside op.autocommit_block()";
    if (rule == "adding-field-with-default")
        return "add the column without the default, op.backfill it, then alter_column its default";
    return nullptr;
}

const std::vector<std::string>& rule_names() {
    static const std::vector<std::string> names = {
        "ban-drop-table", "ban-drop-column", "renaming-table", "renaming-column", "changing-column-type",
        "adding-not-nullable-field", "adding-field-with-default", "require-concurrent-index-creation",
        "require-concurrent-index-deletion", "constraint-missing-not-valid", "disallowed-unique-constraint",
        "adding-serial-primary-key-field", "ban-char-field", "prefer-timestamp-tz"};
    return names;
}

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
    for (auto& f : unique)
        for (const auto& a : acknowledged)
            if (a.rule == f.rule || (a.rule == "prefer-timestamptz" && f.rule == "prefer-timestamp-tz")) {
                f.acknowledged = true;
                f.reason = a.reason;
            }
    return unique;
}

std::vector<finding> lint_revision(const std::string& id, const revision_body& body) {
    auto acknowledged = record_acknowledgements(body.upgrade);
    const auto& names = rule_names();
    for (const auto& a : acknowledged)
        if (a.rule != "prefer-timestamptz" && a.rule != locks::large_table_rule &&
            std::find(names.begin(), names.end(), a.rule) == names.end())
            throw error("revision " + id + " acknowledges '" + a.rule + "', which is not a lint rule (known: " +
                        "ban-drop-table, ban-drop-column, ... see runtime/lint/lint.cpp)");
    return lint(render::render(record(body.upgrade)), acknowledged);
}

std::string describe(const std::string& revision, const finding& f) {
    if (f.acknowledged) return "note: " + revision + ": " + f.rule + " acknowledged (" + f.reason + "): " + f.statement;
    std::string out = "warning: " + revision + ": " + f.rule + ": " + f.statement;
    if (const char* instead = advice(f.rule)) out += std::string(" (instead: ") + instead + ")";
    return out;
}

}  // namespace retort::lint
