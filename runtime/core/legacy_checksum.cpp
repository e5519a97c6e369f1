#include "core/legacy_checksum.hpp"

#include "core/checksum.hpp"

#include <retort/operations.hpp>

namespace retort {

// The canonical text of Retort 0.1.0 (retort_history schema 1 and 2), frozen: enum ordinals and
// every field written. Do not change a byte of it; add nothing for later fields or operations.
namespace {

struct no_legacy_form {};


/// Appends `key=value;` pairs; values are escaped so no text can forge a separator.
class line_writer {
public:
    explicit line_writer(const char* kind) { m_out = kind; m_out += ':'; }

    line_writer& field(const char* key, const std::string& value) {
        m_out += key;
        m_out += '=';
        for (char c : value) {
            if (c == '\\' || c == ';' || c == '=' || c == '[' || c == ']' || c == ',' || c == '\n') m_out += '\\';
            m_out += c == '\n' ? 'n' : c;
        }
        m_out += ';';
        return *this;
    }
    line_writer& field(const char* key, long long value) { return field(key, std::to_string(value)); }
    line_writer& field(const char* key, bool value) { return field(key, std::string(value ? "1" : "0")); }
    line_writer& field(const char* key, int value) { return field(key, std::to_string(value)); }
    line_writer& field(const char* key, const std::vector<std::string>& values) {
        std::string joined;
        for (const auto& v : values) joined += v + '\x1f';
        return field(key, joined);
    }
    /// A nested value (a column, a constraint) written as its own bracketed line.
    line_writer& nested(const char* key, const std::string& text) {
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
        .field("kind", static_cast<int>(t.kind))
        .field("length", t.length)
        .field("precision", t.precision)
        .field("scale", t.scale)
        .field("tz", t.timezone)
        .field("dims", t.array_dimensions)
        .field("name", t.name)
        .field("values", t.enum_values)
        .str();
}

std::string fk_text(const foreign_key_options& o) {
    return line_writer("fk")
        .field("ondelete", o.ondelete)
        .field("onupdate", o.onupdate)
        .field("deferrable", o.deferrable)
        .field("initially", o.initially)
        .field("match", o.match)
        .field("source_schema", o.source_schema)
        .field("referent_schema", o.referent_schema)
        .str();
}

std::string value_text(const value& v) {
    return line_writer("value").field("kind", static_cast<int>(v.kind)).field("text", v.text).str();
}

std::string values_text(const std::vector<value>& values) {
    std::string out;
    for (const auto& v : values) out += "[" + value_text(v) + "]";
    return out;
}

std::string column_text(const Column& c) {
    return line_writer("column")
        .field("name", c.name)
        .nested("type", type_text(c.type))
        .field("nullable", c.is_nullable)
        .field("pk", c.is_primary_key)
        .field("unique", c.is_unique)
        .field("index", c.is_indexed)
        .field("autoincrement", c.auto_increment)
        .field("has_default", c.has_server_default)
        .field("default_is_sql", c.server_default_is_sql)
        .field("default", c.server_default_text)
        .field("comment", c.comment_text)
        .field("identity", c.has_identity)
        .field("identity_always", c.identity_opts.always)
        .field("identity_start", c.identity_opts.start)
        .field("identity_increment", c.identity_opts.increment)
        .field("fk_target", c.foreign_key_target)
        .nested("fk", fk_text(c.foreign_key_opts))
        .str();
}

std::string constraint_text(const Constraint& c) {
    return line_writer("constraint")
        .field("kind", static_cast<int>(c.kind))
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
        w.field("schema", o.schema).field("name", o.name);
        for (const auto& c : o.columns) w.nested("column", column_text(c));
        for (const auto& c : o.constraints) w.nested("constraint", constraint_text(c));
        return w.field("comment", o.comment).field("if_not_exists", o.if_not_exists).str();
    }
    std::string operator()(const op::drop_table& o) const {
        return line_writer("drop_table")
            .field("schema", o.schema)
            .field("name", o.name)
            .field("if_exists", o.if_exists)
            .field("cascade", o.cascade)
            .str();
    }
    std::string operator()(const op::add_column& o) const {
        return line_writer("add_column")
            .field("schema", o.schema)
            .field("table", o.table)
            .nested("column", column_text(o.column))
            .field("if_not_exists", o.if_not_exists)
            .str();
    }
    std::string operator()(const op::drop_column& o) const {
        return line_writer("drop_column")
            .field("schema", o.schema)
            .field("table", o.table)
            .field("column", o.column)
            .field("if_exists", o.if_exists)
            .field("cascade", o.cascade)
            .str();
    }
    std::string operator()(const op::create_index& o) const {
        const auto& x = o.options;
        return line_writer("create_index")
            .field("schema", o.schema)
            .field("name", o.name)
            .field("table", o.table)
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
            .field("name", o.name)
            .field("concurrently", o.concurrently)
            .field("if_exists", o.if_exists)
            .field("cascade", o.cascade)
            .str();
    }
    std::string operator()(const op::add_constraint& o) const {
        // Options added after the legacy form: a revision using them was never recorded in it.
        if (!o.using_index.empty() || o.concurrently) throw no_legacy_form{};
        return line_writer("add_constraint")
            .field("schema", o.schema)
            .field("table", o.table)
            .nested("constraint", constraint_text(o.constraint))
            .field("not_valid", o.not_valid)
            .str();
    }
    std::string operator()(const op::drop_constraint& o) const {
        return line_writer("drop_constraint")
            .field("schema", o.schema)
            .field("table", o.table)
            .field("name", o.name)
            .field("if_exists", o.if_exists)
            .field("cascade", o.cascade)
            .str();
    }
    std::string operator()(const op::execute& o) const {
        line_writer w("execute");
        w.field("sql", o.sql);
        // Written only when present, so revisions recorded before parameters existed keep their checksum.
        if (!o.params.empty()) w.nested("params", values_text(o.params));
        return w.str();
    }
    std::string operator()(const op::rename_table& o) const {
        return line_writer("rename_table")
            .field("schema", o.schema)
            .field("old_name", o.old_name)
            .field("new_name", o.new_name)
            .str();
    }
    std::string operator()(const op::table_comment& o) const {
        return line_writer("table_comment")
            .field("schema", o.schema)
            .field("table", o.table)
            .field("comment", o.comment)
            .str();
    }
    std::string operator()(const op::alter_column& o) const {
        const auto& x = o.options;
        return line_writer("alter_column")
            .field("schema", o.schema)
            .field("table", o.table)
            .field("column", o.column)
            .field("new_name", x.new_column_name)
            .nested("type", type_text(x.type))
            .field("using", x.using_expression)
            .field("nullable", x.nullable)
            .field("default_mode", static_cast<int>(x.server_default.mode))
            .field("default", x.server_default.text)
            .field("comment", x.comment)
            .field("drop_comment", x.drop_comment)
            .str();
    }
    std::string operator()(const op::create_enum& o) const {
        return line_writer("create_enum").field("schema", o.schema).field("name", o.name).field("values", o.values).str();
    }
    std::string operator()(const op::drop_enum& o) const {
        return line_writer("drop_enum")
            .field("schema", o.schema)
            .field("name", o.name)
            .field("if_exists", o.if_exists)
            .field("cascade", o.cascade)
            .str();
    }
    std::string operator()(const op::add_enum_value& o) const {
        return line_writer("add_enum_value")
            .field("schema", o.schema)
            .field("name", o.name)
            .field("value", o.value)
            .field("before", o.before)
            .field("after", o.after)
            .field("if_not_exists", o.if_not_exists)
            .str();
    }
    std::string operator()(const op::add_exclude_constraint& o) const {
        line_writer w("add_exclude_constraint");
        w.field("schema", o.schema).field("table", o.table).field("name", o.name);
        for (const auto& e : o.elements)
            w.nested("element",
                     line_writer("element").field("expression", e.expression).field("operator", e.operator_).str());
        return w.field("using", o.using_method)
            .field("where", o.where)
            .field("deferrable", o.deferrable)
            .field("initially", o.initially)
            .str();
    }
    std::string operator()(const op::validate_constraint& o) const {
        return line_writer("validate_constraint")
            .field("schema", o.schema)
            .field("table", o.table)
            .field("name", o.name)
            .str();
    }
    std::string operator()(const op::bulk_insert& o) const {
        line_writer w("bulk_insert");
        w.field("schema", o.schema).field("table", o.table).field("columns", o.columns);
        for (const auto& row : o.rows) w.nested("row", values_text(row));
        return w.str();
    }
    // The function's address changes with every build; its presence is what the checksum can see.
    std::string operator()(const op::run_code&) const { return line_writer("run_code").str(); }
    std::string operator()(const op::irreversible& o) const {
        return line_writer("irreversible").field("reason", o.reason).str();
    }
    std::string operator()(const op::begin_autocommit&) const { return line_writer("begin_autocommit").str(); }
    std::string operator()(const op::end_autocommit&) const { return line_writer("end_autocommit").str(); }
    /// An operation added after the legacy form: no revision recorded in that form can hold it.
    template <class later_operation>
    std::string operator()(const later_operation&) const {
        throw no_legacy_form{};
    }
};


std::string legacy_canonical_text(const std::vector<op::operation>& operations) {
    std::string out;
    for (const auto& o : operations) out += std::visit(canonical_visitor{}, o) + "\n";
    return out;
}

}  // namespace

std::optional<std::string> legacy_revision_checksum(const revision_body& body) {
    try {
        return sha256_hex("upgrade\n" + legacy_canonical_text(record(body.upgrade)) + "downgrade\n" +
                          legacy_canonical_text(record(body.downgrade)));
    } catch (const no_legacy_form&) {
        return std::nullopt;
    } catch (const std::exception&) {
        return std::nullopt;  // a body that throws has no checksum at all; revision_checksum reports it
    }
}

}  // namespace retort
