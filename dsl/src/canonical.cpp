#include <retort/canonical.hpp>

namespace retort {

namespace {

// Stable names, never ordinals: inserting an enumerator must not change any checksum.
const char* name_of(type_kind k) {
    switch (k) {
        case type_kind::small_integer: return "small_integer";
        case type_kind::integer: return "integer";
        case type_kind::big_integer: return "big_integer";
        case type_kind::numeric: return "numeric";
        case type_kind::real: return "real";
        case type_kind::double_precision: return "double_precision";
        case type_kind::boolean: return "boolean";
        case type_kind::text: return "text";
        case type_kind::varchar: return "varchar";
        case type_kind::character: return "character";
        case type_kind::date: return "date";
        case type_kind::time: return "time";
        case type_kind::timestamp: return "timestamp";
        case type_kind::interval: return "interval";
        case type_kind::uuid: return "uuid";
        case type_kind::json: return "json";
        case type_kind::jsonb: return "jsonb";
        case type_kind::bytea: return "bytea";
        case type_kind::enumeration: return "enumeration";
        case type_kind::raw: return "raw";
        case type_kind::unchanged: return "unchanged";
    }
    return "?";
}

const char* name_of(constraint_kind k) {
    switch (k) {
        case constraint_kind::primary_key: return "primary_key";
        case constraint_kind::unique: return "unique";
        case constraint_kind::check: return "check";
        case constraint_kind::foreign_key: return "foreign_key";
    }
    return "?";
}

const char* name_of(value::kind_t k) {
    switch (k) {
        case value::kind_t::null: return "null";
        case value::kind_t::text: return "text";
        case value::kind_t::number: return "number";
        case value::kind_t::boolean: return "boolean";
        case value::kind_t::sql: return "sql";
    }
    return "?";
}

const char* name_of(default_change::mode_t m) {
    switch (m) {
        case default_change::mode_t::keep: return "keep";
        case default_change::mode_t::set_literal: return "set_literal";
        case default_change::mode_t::set_sql: return "set_sql";
        case default_change::mode_t::drop: return "drop";
    }
    return "?";
}

/// Appends `key=value;` pairs; values are escaped so no text can forge a separator. A field
/// holding its default value is left out, so a new option leaves the text of every operation
/// that does not use it unchanged.
class line_writer {
public:
    explicit line_writer(const char* kind) { m_out = kind; m_out += ':'; }

    /// Always written: what identifies the operation (a kind, a name).
    line_writer& always(const char* key, const std::string& value) {
        m_out += key;
        m_out += '=';
        for (char c : value) {
            if (c == '\\' || c == ';' || c == '=' || c == '[' || c == ']' || c == ',' || c == '\n') m_out += '\\';
            m_out += c == '\n' ? 'n' : c;
        }
        m_out += ';';
        return *this;
    }
    line_writer& field(const char* key, const std::string& value) { return value.empty() ? *this : always(key, value); }
    line_writer& field(const char* key, bool value) { return value ? always(key, "1") : *this; }
    /// A number whose default is `unset` (0, or -1 for "not given").
    line_writer& field(const char* key, long long value, long long unset) {
        return value == unset ? *this : always(key, std::to_string(value));
    }
    line_writer& field(const char* key, const std::vector<std::string>& values) {
        if (values.empty()) return *this;
        std::string joined;
        for (const auto& v : values) joined += v + '\x1f';
        return always(key, joined);
    }
    /// A nested value (a column, a constraint) written as its own bracketed line; left out when
    /// empty unless `keep_empty`.
    line_writer& nested(const char* key, const std::string& text, bool keep_empty = false) {
        if (text.empty() && !keep_empty) return *this;
        m_out += key;
        m_out += "=[" + text + "];";
        return *this;
    }
    std::string str() const { return m_out; }

private:
    std::string m_out;
};

std::string type_text(const Type& t) {
    return line_writer("type")
        .always("kind", name_of(t.kind))
        .field("length", t.length, -1)
        .field("precision", t.precision, -1)
        .field("scale", t.scale, -1)
        .field("tz", t.timezone)
        .field("dims", t.array_dimensions, 0)
        .field("name", t.name)
        .field("values", t.enum_values)
        .str();
}

/// Empty when every option holds its default.
std::string fk_text(const foreign_key_options& o) {
    line_writer w("fk");
    w.field("ondelete", o.ondelete)
        .field("onupdate", o.onupdate)
        .field("deferrable", o.deferrable)
        .field("initially", o.initially)
        .field("match", o.match)
        .field("source_schema", o.source_schema)
        .field("referent_schema", o.referent_schema);
    return w.str() == line_writer("fk").str() ? std::string() : w.str();
}

std::string value_text(const value& v) {
    return line_writer("value").always("kind", name_of(v.kind)).field("text", v.text).str();
}

std::string values_text(const std::vector<value>& values) {
    std::string out;
    for (const auto& v : values) out += "[" + value_text(v) + "]";
    return out;
}

std::string column_text(const Column& c) {
    return line_writer("column")
        .always("name", c.name)
        .nested("type", type_text(c.type))
        .field("nullable", c.is_nullable, -1)
        .field("pk", c.is_primary_key)
        .field("unique", c.is_unique)
        .field("index", c.is_indexed)
        .field("autoincrement", c.auto_increment, -1)
        .field("has_default", c.has_server_default)
        .field("default_is_sql", c.server_default_is_sql)
        .field("default", c.server_default_text)
        .field("comment", c.comment_text)
        .field("identity", c.has_identity)
        .field("identity_always", c.identity_opts.always)
        .field("identity_start", c.identity_opts.start, 0)
        .field("identity_increment", c.identity_opts.increment, 0)
        .field("fk_target", c.foreign_key_target)
        .nested("fk", fk_text(c.foreign_key_opts))
        .str();
}

std::string constraint_text(const Constraint& c) {
    return line_writer("constraint")
        .always("kind", name_of(c.kind))
        .field("name", c.name)
        .field("columns", c.columns)
        .field("expression", c.expression)
        .field("referent_table", c.referent_table)
        .field("referent_columns", c.referent_columns)
        .nested("fk", fk_text(c.fk))
        .str();
}

struct canonical_visitor {
    std::string operator()(const op::create_table& o) const {
        line_writer w("create_table");
        w.field("schema", o.schema).always("name", o.name);
        for (const auto& c : o.columns) w.nested("column", column_text(c));
        for (const auto& c : o.constraints) w.nested("constraint", constraint_text(c));
        return w.field("comment", o.comment).field("if_not_exists", o.if_not_exists).str();
    }
    std::string operator()(const op::drop_table& o) const {
        return line_writer("drop_table")
            .field("schema", o.schema)
            .always("name", o.name)
            .field("if_exists", o.if_exists)
            .field("cascade", o.cascade)
            .str();
    }
    std::string operator()(const op::add_column& o) const {
        return line_writer("add_column")
            .field("schema", o.schema)
            .always("table", o.table)
            .nested("column", column_text(o.column))
            .field("if_not_exists", o.if_not_exists)
            .str();
    }
    std::string operator()(const op::drop_column& o) const {
        return line_writer("drop_column")
            .field("schema", o.schema)
            .always("table", o.table)
            .always("column", o.column)
            .field("if_exists", o.if_exists)
            .field("cascade", o.cascade)
            .str();
    }
    std::string operator()(const op::create_index& o) const {
        const auto& x = o.options;
        return line_writer("create_index")
            .field("schema", o.schema)
            .always("name", o.name)
            .always("table", o.table)
            .field("columns", o.columns)
            .field("unique", x.unique)
            .field("where", x.where)
            .field("method", x.method)
            .field("include", x.include.items)
            .field("concurrently", x.concurrently)
            .field("if_not_exists", x.if_not_exists)
            .str();
    }
    std::string operator()(const op::drop_index& o) const {
        return line_writer("drop_index")
            .field("schema", o.schema)
            .always("name", o.name)
            .field("concurrently", o.concurrently)
            .field("if_exists", o.if_exists)
            .field("cascade", o.cascade)
            .str();
    }
    std::string operator()(const op::add_constraint& o) const {
        return line_writer("add_constraint")
            .field("schema", o.schema)
            .always("table", o.table)
            .nested("constraint", constraint_text(o.constraint))
            .field("not_valid", o.not_valid)
            .field("using_index", o.using_index)
            .field("concurrently", o.concurrently)
            .str();
    }
    std::string operator()(const op::drop_constraint& o) const {
        return line_writer("drop_constraint")
            .field("schema", o.schema)
            .always("table", o.table)
            .always("name", o.name)
            .field("if_exists", o.if_exists)
            .field("cascade", o.cascade)
            .str();
    }
    std::string operator()(const op::execute& o) const {
        return line_writer("execute").always("sql", o.sql).nested("params", values_text(o.params)).str();
    }
    std::string operator()(const op::rename_table& o) const {
        return line_writer("rename_table")
            .field("schema", o.schema)
            .always("old_name", o.old_name)
            .always("new_name", o.new_name)
            .str();
    }
    std::string operator()(const op::table_comment& o) const {
        return line_writer("table_comment")
            .field("schema", o.schema)
            .always("table", o.table)
            .field("comment", o.comment)
            .str();
    }
    std::string operator()(const op::alter_column& o) const {
        const auto& x = o.options;
        return line_writer("alter_column")
            .field("schema", o.schema)
            .always("table", o.table)
            .always("column", o.column)
            .field("new_name", x.new_column_name)
            .nested("type", x.type.kind == type_kind::unchanged ? std::string() : type_text(x.type))
            .field("using", x.using_expression)
            .field("nullable", x.nullable, -1)
            .field("default_mode", x.server_default.mode == default_change::mode_t::keep
                                       ? std::string()
                                       : std::string(name_of(x.server_default.mode)))
            .field("default", x.server_default.text)
            .field("comment", x.comment)
            .field("drop_comment", x.drop_comment)
            .str();
    }
    std::string operator()(const op::create_enum& o) const {
        return line_writer("create_enum").field("schema", o.schema).always("name", o.name).field("values", o.values).str();
    }
    std::string operator()(const op::drop_enum& o) const {
        return line_writer("drop_enum")
            .field("schema", o.schema)
            .always("name", o.name)
            .field("if_exists", o.if_exists)
            .field("cascade", o.cascade)
            .str();
    }
    std::string operator()(const op::add_enum_value& o) const {
        return line_writer("add_enum_value")
            .field("schema", o.schema)
            .always("name", o.name)
            .always("value", o.value)
            .field("before", o.before)
            .field("after", o.after)
            .field("if_not_exists", o.if_not_exists)
            .str();
    }
    std::string operator()(const op::add_exclude_constraint& o) const {
        line_writer w("add_exclude_constraint");
        w.field("schema", o.schema).always("table", o.table).always("name", o.name);
        for (const auto& e : o.elements)
            w.nested("element",
                     line_writer("element").always("expression", e.expression).always("operator", e.operator_).str());
        // gist is the option's default (exclude_constraint_options::using_method).
        if (o.using_method != "gist") w.always("using", o.using_method);
        return w.field("where", o.where)
            .field("deferrable", o.deferrable)
            .field("initially", o.initially)
            .str();
    }
    std::string operator()(const op::validate_constraint& o) const {
        return line_writer("validate_constraint")
            .field("schema", o.schema)
            .always("table", o.table)
            .always("name", o.name)
            .str();
    }
    std::string operator()(const op::bulk_insert& o) const {
        line_writer w("bulk_insert");
        w.field("schema", o.schema).always("table", o.table).field("columns", o.columns);
        // Every row is written: the number of rows is part of what the revision does.
        for (const auto& row : o.rows) w.nested("row", values_text(row), true);
        return w.str();
    }
    // The function's address changes with every build; its presence is what the checksum can see.
    std::string operator()(const op::run_code&) const { return line_writer("run_code").str(); }
    std::string operator()(const op::irreversible& o) const {
        return line_writer("irreversible").always("reason", o.reason).str();
    }
    std::string operator()(const op::set_not_null& o) const {
        return line_writer("set_not_null").field("schema", o.schema).always("table", o.table).always("column", o.column).str();
    }
    std::string operator()(const op::backfill& o) const {
        return line_writer("backfill")
            .field("schema", o.schema)
            .always("table", o.table)
            .always("set", o.set_sql)
            .field("where", o.where_sql)
            .always("key", o.key)
            .always("batch_rows", std::to_string(o.batch_rows))
            .field("pause_ms", o.pause_ms, 0)
            .str();
    }
    std::string operator()(const op::begin_autocommit&) const { return line_writer("begin_autocommit").str(); }
    std::string operator()(const op::end_autocommit&) const { return line_writer("end_autocommit").str(); }
};

}  // namespace

std::string canonical_text(const std::vector<op::operation>& operations) {
    std::string out;
    for (const auto& o : operations) out += std::visit(canonical_visitor{}, o) + "\n";
    return out;
}

}  // namespace retort
