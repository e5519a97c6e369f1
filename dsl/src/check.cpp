#include <retort/check.hpp>

namespace retort {

namespace {

class checker {
public:
    explicit checker(std::vector<problem>& out) : m_out(out) {}
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
    void operator()(const op::begin_autocommit&) {
        if (m_autocommit) fail("autocommit blocks do not nest");
        m_autocommit = true;
    }
    void operator()(const op::end_autocommit&) { m_autocommit = false; }
    template <typename Other>
    void operator()(const Other&) {}

private:
    std::vector<problem>& m_out;
    bool m_autocommit = false;
};

}  // namespace

std::vector<problem> check_recording(const recording& r) {
    std::vector<problem> out;
    checker c(out);
    for (std::size_t i = 0; i < r.operations.size(); ++i) {
        c.where = i < r.origins.size() ? r.origins[i] : origin{};
        std::visit(c, r.operations[i]);
    }
    return out;
}

std::string describe(const problem& p) {
    return p.where.file + ":" + std::to_string(p.where.line) + ": error: " + p.message;
}

}  // namespace retort
