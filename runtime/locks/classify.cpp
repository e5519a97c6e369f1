// Statement -> lock facts, by the statement's keywords. Covers every statement the renderer
// produces with certainty; raw SQL (op.execute) is certain only for the shapes listed here.
#include "locks/lock_facts.hpp"

#include "lint/sql_tokens.hpp"

#include <algorithm>
#include <cctype>
#include <initializer_list>

namespace retort::locks {

namespace {

using lint::token;
using tokens = std::vector<token>;

using lint::has_sequence;
using lint::has_word;
using lint::is_word;
using lint::skip_words;
using lint::split_commas;

bool is_symbol(const tokens& t, std::size_t i, const char* s) {
    return i < t.size() && t[i].kind == token::symbol && t[i].text == s;
}

std::string folded(const token& k) {
    if (k.kind == token::quoted) return k.text;
    std::string out = k.text;
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

/// A possibly qualified name at t[i] (moves i past it): every dotted part, folded as PostgreSQL does.
std::vector<std::string> read_parts(const tokens& t, std::size_t& i) {
    std::vector<std::string> parts;
    while (i < t.size() && (t[i].kind == token::word || t[i].kind == token::quoted)) {
        parts.push_back(folded(t[i++]));
        if (is_symbol(t, i, ".")) ++i;
        else break;
    }
    return parts;
}

table_lock table_at(const tokens& t, std::size_t& i, level mode, bool drop_last = false) {
    auto parts = read_parts(t, i);
    if (drop_last && !parts.empty()) parts.pop_back();  // COMMENT ON COLUMN t.c
    table_lock out;
    out.mode = mode;
    if (!parts.empty()) out.table = parts.back();
    if (parts.size() >= 2) out.schema = parts[parts.size() - 2];
    return out;
}

int rank(cost c) {
    switch (c) {
        case cost::catalog: return 0;
        case cost::rows: return 1;
        case cost::scan: return 2;
        case cost::rewrite: return 3;
        case cost::unknown: return 4;
    }
    return 4;
}

void add_lock(statement_facts& f, const table_lock& l) {
    for (auto& existing : f.tables)
        if (existing.schema == l.schema && existing.table == l.table) {
            existing.mode = std::max(existing.mode, l.mode);
            return;
        }
    f.tables.push_back(l);
}

/// Folds `part` into `into`: the stronger lock per table, the costlier work.
void merge(statement_facts& into, const statement_facts& part) {
    for (const auto& l : part.tables) add_lock(into, l);
    if (rank(part.work) > rank(into.work)) into.work = part.work;
    into.certain = into.certain && part.certain;
    if (part.refine != refinement::none) {
        into.refine = part.refine;
        into.column = part.column;
        into.new_type = part.new_type;
        into.using_expression = part.using_expression;
    }
    if (!part.note.empty()) into.note += (into.note.empty() ? "" : "; ") + part.note;
}

statement_facts unknown(std::string note) {
    statement_facts f;
    f.work = cost::unknown;
    f.certain = false;
    f.note = std::move(note);
    return f;
}

statement_facts make(cost work, std::string note = {}) {
    statement_facts f;
    f.work = work;
    f.note = std::move(note);
    return f;
}

const char* const volatile_functions[] = {"RANDOM",    "GEN_RANDOM_UUID", "UUID_GENERATE_V1", "UUID_GENERATE_V1MC",
                                          "UUID_GENERATE_V4", "CLOCK_TIMESTAMP", "NEXTVAL",     "TIMEOFDAY",
                                          "SETSEED",   "TXID_CURRENT"};
// Stable or immutable functions common in defaults: evaluated once, stored in the catalog.
const char* const stable_functions[] = {"NOW", "LOWER", "UPPER", "COALESCE", "STATEMENT_TIMESTAMP",
                                        "TRANSACTION_TIMESTAMP", "TO_JSON", "JSONB_BUILD_OBJECT", "JSON_BUILD_OBJECT",
                                        "ARRAY", "CONCAT", "MAKE_DATE", "MAKE_INTERVAL", "CURRENT_SETTING"};

bool listed(const std::string& w, const char* const* begin, const char* const* end) {
    return std::any_of(begin, end, [&](const char* f) { return w == f; });
}

/// Column definition words that end a DEFAULT expression.
bool ends_default(const token& k) {
    static const char* const words[] = {"NOT", "NULL", "CONSTRAINT", "REFERENCES", "PRIMARY", "UNIQUE",
                                        "CHECK", "GENERATED", "COLLATE"};
    return k.kind == token::word &&
           std::any_of(std::begin(words), std::end(words), [&](const char* w) { return k.text == w; });
}

/// ADD COLUMN: catalog-only unless the new column needs every row touched.
statement_facts add_column_facts(const tokens& a) {
    statement_facts f = make(cost::catalog);
    if (has_word(a, "SERIAL") || has_word(a, "BIGSERIAL") || has_word(a, "SMALLSERIAL") ||
        has_sequence(a, {"AS", "IDENTITY"}) || has_word(a, "STORED")) {
        f.work = cost::rewrite;
        f.note = "every row gets a generated value";
        return f;
    }
    bool has_default = false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (!is_word(a, i, "DEFAULT")) continue;
        has_default = true;
        int depth = 0;
        for (std::size_t j = i + 1; j < a.size(); ++j) {
            if (is_symbol(a, j, "(")) ++depth;
            if (is_symbol(a, j, ")")) --depth;
            if (depth == 0 && ends_default(a[j]) && !(a[j].text == "NULL" && j == i + 1)) break;
            if (a[j].kind != token::word || !is_symbol(a, j + 1, "(")) continue;
            if (j > 0 && is_symbol(a, j - 1, ":")) continue;  // '1'::numeric(10) is a cast, not a call
            if (is_volatile_function(a[j].text)) {
                f.work = cost::rewrite;
                f.note = "volatile default: every row gets its own value";
                return f;
            }
            if (!listed(a[j].text, std::begin(stable_functions), std::end(stable_functions))) {
                f.work = cost::rewrite;
                f.certain = false;
                f.note = "rewrites unless " + folded(a[j]) + "() is not volatile";
            }
        }
    }
    if (f.work == cost::catalog && has_sequence(a, {"NOT", "NULL"}) && !has_default) {
        f.work = cost::scan;
        f.note = "checks that the table has no rows";
    }
    if (has_word(a, "PRIMARY") || has_word(a, "UNIQUE")) {
        f.work = std::max(f.work, cost::scan, [](cost x, cost y) { return rank(x) < rank(y); });
        f.note = "builds an index";
    }
    for (std::size_t i = 0; i < a.size(); ++i)
        if (is_word(a, i, "REFERENCES")) {
            ++i;
            add_lock(f, table_at(a, i, level::share_row_exclusive));
        }
    return f;
}

/// ADD [CONSTRAINT name] PRIMARY KEY | UNIQUE | CHECK | FOREIGN KEY | EXCLUDE.
statement_facts add_constraint_facts(const tokens& a, std::size_t i, const table_lock& own) {
    bool not_valid = has_sequence(a, {"NOT", "VALID"});
    statement_facts f;
    if (is_word(a, i, "FOREIGN")) {
        add_lock(f, {own.schema, own.table, level::share_row_exclusive});
        for (std::size_t j = i; j < a.size(); ++j)
            if (is_word(a, j, "REFERENCES")) {
                ++j;
                add_lock(f, table_at(a, j, level::share_row_exclusive));
            }
        f.work = not_valid ? cost::catalog : cost::scan;
        f.note = not_valid ? "existing rows are not checked" : "checks every row against the referenced table";
        return f;
    }
    add_lock(f, {own.schema, own.table, level::access_exclusive});
    if (is_word(a, i, "CHECK")) {
        f.work = not_valid ? cost::catalog : cost::scan;
        f.note = not_valid ? "existing rows are not checked" : "checks every row";
    } else if (has_sequence(a, {"USING", "INDEX"})) {
        f.work = cost::catalog;
        f.note = "uses the existing index";
    } else if (is_word(a, i, "PRIMARY") || is_word(a, i, "UNIQUE") || is_word(a, i, "EXCLUDE")) {
        f.work = cost::scan;
        f.note = "builds an index";
    } else {
        return unknown("an ADD this classifier does not know");
    }
    return f;
}

/// ALTER [COLUMN] name ...
statement_facts alter_column_facts(const tokens& a, std::size_t i) {
    skip_words(a, i, {"COLUMN"});
    std::string column = i < a.size() ? folded(a[i]) : std::string();
    ++i;
    statement_facts f = make(cost::catalog);
    f.column = column;
    auto rest_has = [&](std::initializer_list<const char*> w) {
        tokens rest(a.begin() + static_cast<long>(std::min(i, a.size())), a.end());
        return has_sequence(rest, w);
    };
    if (is_word(a, i, "TYPE") || rest_has({"SET", "DATA", "TYPE"})) {
        f.work = cost::rewrite;
        f.refine = refinement::type_change;
        std::size_t j = i + (is_word(a, i, "TYPE") ? 1 : 3);
        for (; j < a.size() && !is_word(a, j, "USING") && !is_word(a, j, "COLLATE"); ++j) {
            const auto& k = a[j];
            if (k.kind == token::symbol) f.new_type += k.text;
            else {
                if (!f.new_type.empty() && f.new_type.back() != '(') f.new_type += ' ';
                f.new_type += folded(k);
            }
        }
        f.using_expression = rest_has({"USING"});
        f.note = f.using_expression ? "USING rewrites every row" : "rewrites unless the change is binary coercible";
    } else if (rest_has({"SET", "NOT", "NULL"})) {
        f.work = cost::scan;
        f.refine = refinement::not_null_check;
        f.note = "scans unless a valid CHECK (" + column + " IS NOT NULL) exists";
    } else if (rest_has({"SET", "STATISTICS"})) {
        statement_facts s = make(cost::catalog);
        s.tables = {{"", "", level::share_update_exclusive}};
        return s;
    } else if (!(rest_has({"DROP", "NOT", "NULL"}) || rest_has({"SET", "DEFAULT"}) || rest_has({"DROP", "DEFAULT"}) ||
                 rest_has({"SET", "STORAGE"}))) {
        return unknown("an ALTER COLUMN this classifier does not know");
    }
    f.tables = {{"", "", level::access_exclusive}};
    return f;
}

/// One action of ALTER TABLE; `own` is the altered table.
statement_facts alter_action(const tokens& a, const table_lock& own) {
    statement_facts f;
    auto with_own = [&](statement_facts x) {
        for (auto& l : x.tables)
            if (l.table.empty()) {
                l.schema = own.schema;
                l.table = own.table;
            }
        return x;
    };
    std::size_t i = 0;
    if (is_word(a, 0, "ADD")) {
        i = 1;
        if (is_word(a, i, "CONSTRAINT")) i += 2;
        static const char* const constraint_words[] = {"PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "EXCLUDE"};
        bool constraint = std::any_of(std::begin(constraint_words), std::end(constraint_words),
                                      [&](const char* w) { return is_word(a, i, w); });
        if (constraint) return add_constraint_facts(a, i, own);
        f = add_column_facts(a);
        add_lock(f, {own.schema, own.table, level::access_exclusive});
        std::rotate(f.tables.begin(), f.tables.end() - 1, f.tables.end());  // own table first
        return f;
    }
    if (is_word(a, 0, "DROP")) {
        f = make(cost::catalog, is_word(a, 1, "CONSTRAINT") ? "" : "the data stays on disk until a rewrite");
        f.tables = {{own.schema, own.table, level::access_exclusive}};
        return f;
    }
    if (is_word(a, 0, "ALTER")) return with_own(alter_column_facts(a, 1));
    if (is_word(a, 0, "VALIDATE")) {
        f = make(cost::scan, "checks every row; reads and writes go on");
        f.tables = {{own.schema, own.table, level::share_update_exclusive}};
        return f;
    }
    if (is_word(a, 0, "RENAME") || is_word(a, 0, "OWNER") || (is_word(a, 0, "SET") && is_word(a, 1, "SCHEMA"))) {
        f = make(cost::catalog);
        f.tables = {{own.schema, own.table, level::access_exclusive}};
        return f;
    }
    if ((is_word(a, 0, "ENABLE") || is_word(a, 0, "DISABLE")) && has_word(a, "TRIGGER")) {
        f = make(cost::catalog);
        f.tables = {{own.schema, own.table, level::share_row_exclusive}};
        return f;
    }
    f = unknown("an ALTER TABLE action this classifier does not know");
    f.tables = {{own.schema, own.table, level::access_exclusive}};
    return f;
}

statement_facts alter_table(const tokens& t) {
    std::size_t i = 2;
    skip_words(t, i, {"IF", "EXISTS", "ONLY"});
    table_lock own = table_at(t, i, level::access_exclusive);
    if (is_symbol(t, i, "*")) ++i;
    statement_facts f;
    bool first = true;
    for (const auto& action : split_commas(t, i)) {
        auto part = alter_action(action, own);
        if (first) {
            f = part;
            first = false;
        } else {
            merge(f, part);
        }
    }
    return f;
}

statement_facts create_index(const tokens& t) {
    std::size_t i = 1;
    skip_words(t, i, {"UNIQUE"});
    ++i;  // INDEX
    bool concurrently = is_word(t, i, "CONCURRENTLY");
    skip_words(t, i, {"CONCURRENTLY", "IF", "NOT", "EXISTS"});
    if (!is_word(t, i, "ON")) read_parts(t, i);
    ++i;  // ON
    skip_words(t, i, {"ONLY"});
    statement_facts f = make(cost::scan, concurrently ? "builds the index while reads and writes go on"
                                                      : "builds the index; writes wait");
    add_lock(f, table_at(t, i, concurrently ? level::share_update_exclusive : level::share));
    return f;
}

statement_facts create_table(const tokens& t) {
    std::size_t i = 1;
    skip_words(t, i, {"TEMP", "TEMPORARY", "UNLOGGED", "GLOBAL", "LOCAL"});
    ++i;  // TABLE
    skip_words(t, i, {"IF", "NOT", "EXISTS"});
    statement_facts f = make(cost::catalog, "a new table");
    add_lock(f, table_at(t, i, level::access_exclusive));
    if (is_word(t, i, "AS") || is_word(t, i, "PARTITION") || has_word(t, "INHERITS") || has_word(t, "LIKE"))
        return unknown("CREATE TABLE reading other tables");
    for (std::size_t j = i; j < t.size(); ++j)
        if (is_word(t, j, "REFERENCES")) {
            ++j;
            add_lock(f, table_at(t, j, level::share_row_exclusive));
        }
    return f;
}

statement_facts drop(const tokens& t) {
    if (is_word(t, 1, "TABLE")) {
        std::size_t i = 2;
        skip_words(t, i, {"IF", "EXISTS"});
        statement_facts f = make(cost::catalog);
        for (const auto& name : split_commas(t, i)) {
            std::size_t k = 0;
            add_lock(f, table_at(name, k, level::access_exclusive));
        }
        if (has_word(t, "CASCADE")) {
            f.certain = false;
            f.note = "CASCADE may drop objects of other tables";
        }
        return f;
    }
    if (is_word(t, 1, "INDEX")) {
        std::size_t i = 2;
        bool concurrently = is_word(t, i, "CONCURRENTLY");
        skip_words(t, i, {"CONCURRENTLY", "IF", "EXISTS"});
        statement_facts f = make(cost::catalog, concurrently ? "waits for running queries, blocks none" : "");
        add_lock(f, table_at(t, i, concurrently ? level::share_update_exclusive : level::access_exclusive));
        f.refine = refinement::index_table;
        return f;
    }
    if ((is_word(t, 1, "TYPE") || is_word(t, 1, "SEQUENCE") || is_word(t, 1, "DOMAIN")) && !has_word(t, "CASCADE"))
        return make(cost::catalog);
    return unknown("DROP of a kind this classifier does not know");
}

statement_facts comment_on(const tokens& t) {
    std::size_t i = 3;
    if (!is_word(t, 2, "TABLE") && !is_word(t, 2, "COLUMN")) return make(cost::catalog);
    statement_facts f = make(cost::catalog);
    add_lock(f, table_at(t, i, level::share_update_exclusive, is_word(t, 2, "COLUMN")));
    return f;
}

/// INSERT INTO t / UPDATE t / DELETE FROM t: ROW EXCLUSIVE, like the application's writes.
statement_facts dml(const tokens& t, std::size_t name_at) {
    std::size_t i = name_at;
    skip_words(t, i, {"ONLY"});
    statement_facts f = make(cost::rows, "row locks on the rows it changes");
    add_lock(f, table_at(t, i, level::row_exclusive));
    return f;
}

statement_facts one_statement(const tokens& t) {
    if (t.empty()) return make(cost::catalog);
    const std::string& first = t[0].text;
    if (t[0].kind != token::word) return unknown("not a statement this classifier knows");
    if (first == "CREATE") {
        if (is_word(t, 1, "INDEX") || (is_word(t, 1, "UNIQUE") && is_word(t, 2, "INDEX"))) return create_index(t);
        if (has_sequence(t, {"TABLE"}) && !has_word(t, "FUNCTION") && !has_word(t, "VIEW")) {
            std::size_t i = 1;
            skip_words(t, i, {"TEMP", "TEMPORARY", "UNLOGGED", "GLOBAL", "LOCAL"});
            if (is_word(t, i, "TABLE")) return create_table(t);
        }
        if (is_word(t, 1, "TYPE") || is_word(t, 1, "SCHEMA") || is_word(t, 1, "SEQUENCE") ||
            is_word(t, 1, "DOMAIN") || is_word(t, 1, "EXTENSION"))
            return make(cost::catalog);
        return unknown("CREATE of a kind this classifier does not know");
    }
    if (first == "ALTER") {
        if (is_word(t, 1, "TABLE")) return alter_table(t);
        if (is_word(t, 1, "TYPE")) return make(cost::catalog);
        return unknown("ALTER of a kind this classifier does not know");
    }
    if (first == "DROP") return drop(t);
    if (first == "COMMENT" && is_word(t, 1, "ON")) return comment_on(t);
    if (first == "INSERT" && is_word(t, 1, "INTO")) return dml(t, 2);
    if (first == "UPDATE") return dml(t, 1);
    if (first == "DELETE" && is_word(t, 1, "FROM")) return dml(t, 2);
    if (first == "TRUNCATE") {
        std::size_t i = 1;
        skip_words(t, i, {"TABLE", "ONLY"});
        statement_facts f = make(cost::rewrite, "a new, empty file");
        add_lock(f, table_at(t, i, level::access_exclusive));
        return f;
    }
    return unknown("not a statement this classifier knows");
}

}  // namespace

bool is_volatile_function(const std::string& upper_case_name) {
    return listed(upper_case_name, std::begin(volatile_functions), std::end(volatile_functions));
}

statement_facts classify_sql(const std::string& sql) {
    auto statements = lint::tokenize(sql);
    statement_facts out;
    for (std::size_t k = 0; k < statements.size(); ++k) {
        auto f = one_statement(statements[k]);
        if (k == 0) out = f;
        else merge(out, f);
    }
    return out;
}

statement_facts facts(const render::statement& s) {
    if (s.code) return unknown("C++ code (op.run_code)");
    if (s.backfill) {
        statement_facts f = make(cost::rows, "committed batches of " + std::to_string(s.backfill->batch_rows) +
                                                 " rows: row locks for one batch at a time");
        add_lock(f, {s.backfill->schema, s.backfill->table, level::row_exclusive});
        return f;
    }
    statement_facts f = classify_sql(s.sql);
    // op.set_not_null's SET NOT NULL runs after its check was validated and committed: no scan.
    if (s.own_transaction && f.refine == refinement::not_null_check && f.work == cost::scan) {
        f.work = cost::catalog;
        f.note = "the recipe's validated CHECK (" + f.column + " IS NOT NULL) proves it: no scan";
    }
    return f;
}

std::vector<statement_facts> facts(const op::operation& o) {
    std::vector<statement_facts> out;
    for (const auto& s : render::render(o)) out.push_back(facts(s));
    return out;
}

}  // namespace retort::locks
