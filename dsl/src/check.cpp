#include <retort/check.hpp>

#include <algorithm>
#include <cctype>

namespace retort {

namespace {

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

/// `now()`, `gen_random_uuid()`, `pg_catalog.now ()`, or a function SQL writes without parentheses
/// (`CURRENT_TIMESTAMP`): as a quoted literal, each is frozen when the migration runs.
bool looks_like_function_call(const std::string& text) {
    std::string t = text;
    while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.pop_back();
    t.erase(0, std::min(t.size(), t.find_first_not_of(" \t\n")));
    std::string upper = t;
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    for (const char* keyword : {"CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIME", "LOCALTIMESTAMP", "LOCALTIME"})
        if (upper == keyword) return true;
    std::size_t i = 0;
    if (t.empty() || std::isdigit(static_cast<unsigned char>(t[0]))) return false;
    while (i < t.size() && (word_char(t[i]) || t[i] == '.')) ++i;
    if (i == 0) return false;
    while (i < t.size() && t[i] == ' ') ++i;
    return i < t.size() && t[i] == '(' && t.back() == ')';
}

/// `fix` holds the spelling of the call with @ where sql("...") goes.
std::string literal_default_warning(const std::string& text, const std::string& where, std::string fix) {
    fix.replace(fix.find('@'), 1, "sql(\"" + text + "\")");
    return "server default '" + text + "' of " + where + " is a quoted literal, fixed when the migration runs; " +
           "for the function write " + fix;
}

class checker {
public:
    checker(std::vector<problem>& out, recorded_by which, std::size_t operations)
        : m_out(out), m_which(which), m_operations(operations) {}
    origin where;

    void fail(std::string message) { m_out.push_back({where, std::move(message)}); }

    void constraint(const Constraint& c, const std::string& table) {
        const std::string what = "constraint" + (c.name.empty() ? std::string() : " " + c.name) + " on " + table;
        switch (c.kind) {
            case constraint_kind::primary_key:
            case constraint_kind::unique:
                if (c.columns.empty()) fail(what + " names no columns");
                break;
            case constraint_kind::check:
                if (c.expression.empty()) fail(what + " has an empty CHECK condition");
                break;
            case constraint_kind::foreign_key:
                if (c.columns.empty()) fail("foreign key " + what + " names no columns");
                if (c.columns.size() != c.referent_columns.size())
                    fail("foreign key " + what + " has " + std::to_string(c.columns.size()) +
                         " local column(s) but " + std::to_string(c.referent_columns.size()) + " referenced column(s)");
                if (c.referent_table.empty()) fail("foreign key " + what + " names no referenced table");
                break;
        }
    }

    void operator()(const op::create_table& o) {
        if (o.columns.empty()) fail("create_table " + o.name + " has no columns");
        for (const auto& c : o.columns)
            if (c.name.empty()) fail("create_table " + o.name + " has a column without a name");
        for (const auto& k : o.constraints) constraint(k, o.name);
    }
    void operator()(const op::alter_column& o) {
        const auto& x = o.options;
        bool changes = !x.new_column_name.empty() || x.type.kind != type_kind::unchanged || x.nullable != -1 ||
                       x.server_default.mode != default_change::mode_t::keep || !x.comment.empty() || x.drop_comment ||
                       !x.using_expression.empty();  // reported below, more precisely
        if (!changes) fail("alter_column " + o.table + "." + o.column + " changes nothing");
        if (!x.using_expression.empty() && x.type.kind == type_kind::unchanged)
            fail("alter_column " + o.table + "." + o.column + ": using_expression needs a new .type");
        if (!x.comment.empty() && x.drop_comment)
            fail("alter_column " + o.table + "." + o.column + ": both a comment and drop_comment");
    }
    void operator()(const op::create_enum& o) {
        if (o.values.empty()) fail("create_enum " + o.name + " has no values");
    }
    void operator()(const op::add_enum_value& o) {
        if (!o.before.empty() && !o.after.empty()) fail("add_enum_value " + o.value + ": both before and after");
    }
    void operator()(const op::create_index& o) {
        if (o.columns.empty()) fail("index " + o.name + " on " + o.table + " names no columns");
    }
    void operator()(const op::add_constraint& o) {
        if (o.using_index.empty()) constraint(o.constraint, o.table);
        if (!o.using_index.empty() && o.concurrently)
            fail("unique constraint " + o.constraint.name + " on " + o.table +
                 ": using_index adopts an existing index, concurrently builds one; choose one");
        if (o.concurrently && o.constraint.name.empty())
            fail("unique constraint on " + o.table + ": concurrently needs a constraint name (the index gets it)");
        if ((o.concurrently || !o.using_index.empty()) && m_autocommit)
            fail("unique constraint " + o.constraint.name + " on " + o.table +
                 ": with using_index or concurrently it manages its own transactions; record it outside the autocommit block");
    }
    void operator()(const op::set_not_null& o) {
        if (o.column.empty()) fail("set_not_null on " + o.table + " names no column");
        if (m_autocommit) fail("set_not_null on " + o.table + ": it commits step by step itself; record it outside the autocommit block");
    }
    void operator()(const op::backfill& o) {
        if (o.set_sql.empty()) fail("backfill of " + o.table + " has an empty SET");
        if (o.key.empty()) fail("backfill of " + o.table + " names no key column");
        if (o.batch_rows < 1) fail("backfill of " + o.table + ": batch_rows must be 1 or more");
        if (o.pause_ms < 0) fail("backfill of " + o.table + ": pause_ms must be 0 or more");
    }
    void operator()(const op::add_exclude_constraint& o) {
        if (o.elements.empty()) fail("exclusion constraint " + o.name + " on " + o.table + " has no elements");
    }
    void operator()(const op::bulk_insert& o) {
        if (o.columns.empty()) fail("bulk_insert into " + o.table + " names no columns");
        for (std::size_t i = 0; i < o.rows.size(); ++i)
            if (o.rows[i].size() != o.columns.size())
                fail("bulk_insert into " + o.table + ": row " + std::to_string(i + 1) + " has " +
                     std::to_string(o.rows[i].size()) + " value(s) for " + std::to_string(o.columns.size()) +
                     " column(s)");
    }
    void operator()(const op::execute& o) {
        for (const auto& p : o.params)
            if (p.kind == value::kind_t::sql) fail("execute: a bound parameter cannot be SQL; write it into the statement");
    }
    void operator()(const op::run_code& o) {
        if (!o.fn) fail("run_code was given no function");
        if (m_autocommit) fail("run_code inside an autocommit block: it runs in the revision's transaction");
    }
    void operator()(const op::irreversible& o) {
        if (m_which == recorded_by::upgrade) fail("irreversible() belongs in downgrade(): it says the upgrade cannot be undone");
        if (o.reason.empty()) fail("irreversible() needs a reason: why this revision cannot be undone");
        // The downgrade is refused as a whole, so anything recorded next to it would never run.
        if (m_operations > 1) fail("irreversible() with other operations: a downgrade that is refused runs none of them");
    }
    void operator()(const op::begin_autocommit&) {
        if (m_autocommit) fail("autocommit blocks do not nest");
        m_autocommit = true;
    }
    void operator()(const op::end_autocommit&) { m_autocommit = false; }
    template <typename Other>
    void operator()(const Other&) {}

private:
    std::vector<problem>& m_out;
    recorded_by m_which;
    std::size_t m_operations;
    bool m_autocommit = false;
};

}  // namespace

std::vector<problem> check_recording(const recording& r, recorded_by which) {
    std::vector<problem> out;
    checker c(out, which, r.operations.size());
    for (std::size_t i = 0; i < r.operations.size(); ++i) {
        c.where = i < r.origins.size() ? r.origins[i] : origin{};
        std::visit(c, r.operations[i]);
    }
    return out;
}

std::vector<problem> check_warnings(const recording& r) {
    std::vector<problem> out;
    auto warn = [&](std::size_t i, std::string message) {
        out.push_back({i < r.origins.size() ? r.origins[i] : origin{}, std::move(message), true,
                       "server-default-function-literal"});
    };
    auto column = [&](std::size_t i, const Column& c, const std::string& table) {
        if (c.has_server_default && !c.server_default_is_sql && looks_like_function_call(c.server_default_text))
            warn(i, literal_default_warning(c.server_default_text, table + "." + c.name, ".server_default(@)"));
    };
    for (std::size_t i = 0; i < r.operations.size(); ++i) {
        const auto& o = r.operations[i];
        if (const auto* t = std::get_if<op::create_table>(&o))
            for (const auto& c : t->columns) column(i, c, t->name);
        if (const auto* a = std::get_if<op::add_column>(&o)) column(i, a->column, a->table);
        if (const auto* a = std::get_if<op::alter_column>(&o)) {
            const auto& d = a->options.server_default;
            if (d.mode == default_change::mode_t::set_literal && looks_like_function_call(d.text))
                warn(i, literal_default_warning(d.text, a->table + "." + a->column, "{.server_default = @}"));
        }
    }
    return out;
}

std::string describe(const problem& p) {
    std::string place = p.where.file + ":" + std::to_string(p.where.line);
    if (!p.warning) return place + ": error: " + p.message;
    return place + ": warning: " + p.message + " [" + p.rule + "; if it is meant, op.acknowledge(\"" + p.rule +
           "\", \"why\")]";
}

}  // namespace retort
