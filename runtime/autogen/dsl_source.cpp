#include "autogen/dsl_source.hpp"

#include "core/errors.hpp"

#include <climits>
#include <cstdio>

namespace retort::autogen {

namespace {

std::string quoted(const std::string& text) {
    std::string out = "\"";
    for (unsigned char c : text) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        case '\r': out += "\\r"; break;
        default:
            if (c < 0x20 || c == 0x7f) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\%03o", c);
                out += buf;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    return out + "\"";
}

/// A designated-initializer list: fields are added in declaration order, defaults left out, so
/// `{.schema = "audit", .cascade = true}` or nothing at all.
class designated {
public:
    designated& text(const char* key, const std::string& value) {
        if (!value.empty()) add(key, cpp_string(value));
        return *this;
    }
    designated& flag(const char* key, bool value) {
        if (value) add(key, "true");
        return *this;
    }
    designated& raw(const char* key, const std::string& source) {
        add(key, source);
        return *this;
    }
    bool empty() const { return m_out.empty(); }
    /// ", {...}" for an optional trailing argument, or "" when every field is the default.
    std::string trailing() const { return empty() ? "" : ", " + braced(); }
    std::string braced() const { return "{" + m_out + "}"; }

private:
    void add(const char* key, const std::string& source) {
        if (!m_out.empty()) m_out += ", ";
        m_out += std::string(".") + key + " = " + source;
    }
    std::string m_out;
};

std::string name_list(const std::vector<std::string>& items) {
    std::string out = "{";
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + cpp_string(items[i]);
    return out + "}";
}

std::string number_source(const std::string& digits) {
    // Integers the recorder got from an int print as they are; wider ones need a suffix to keep
    // their value, and a decimal or exponent means a double, which prints back the same digits.
    if (digits.find_first_not_of("-0123456789") != std::string::npos) return digits;
    try {
        long long n = std::stoll(digits);
        if (n >= INT_MIN && n <= INT_MAX) return digits;
        return digits + "LL";
    } catch (const std::out_of_range&) {
        return digits + "ULL";
    }
}

std::string value_source(const value& v) {
    switch (v.kind) {
    case value::kind_t::null: return "nullptr";
    case value::kind_t::text: return cpp_string(v.text);
    case value::kind_t::number: return number_source(v.text);
    case value::kind_t::boolean: return v.text == "true" ? "true" : "false";
    case value::kind_t::sql: return "sql(" + cpp_string(v.text) + ")";
    }
    return "nullptr";
}

std::string values_source(const std::vector<value>& values) {
    std::string out = "{";
    for (std::size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + value_source(values[i]);
    return out + "}";
}

std::string fk_options(const foreign_key_options& o) {
    return designated()
        .text("ondelete", o.ondelete)
        .text("onupdate", o.onupdate)
        .flag("deferrable", o.deferrable)
        .text("initially", o.initially)
        .text("match", o.match)
        .text("source_schema", o.source_schema)
        .text("referent_schema", o.referent_schema)
        .trailing();
}

std::string column_source(const Column& c) {
    std::string out = "Column(" + cpp_string(c.name) + ", " + type_source(c.type) + ")";
    if (c.is_primary_key) out += ".primary_key()";
    if (c.is_nullable != -1) out += c.is_nullable ? ".nullable(true)" : ".nullable(false)";
    if (c.is_unique) out += ".unique()";
    if (c.is_indexed) out += ".index()";
    if (c.auto_increment != -1) out += c.auto_increment ? ".autoincrement(true)" : ".autoincrement(false)";
    if (c.has_server_default)
        out += c.server_default_is_sql ? ".server_default(sql(" + cpp_string(c.server_default_text) + "))"
                                       : ".server_default(" + cpp_string(c.server_default_text) + ")";
    if (!c.comment_text.empty()) out += ".comment(" + cpp_string(c.comment_text) + ")";
    if (c.has_identity) {
        designated id;
        id.flag("always", c.identity_opts.always);
        if (c.identity_opts.start) id.raw("start", number_source(std::to_string(c.identity_opts.start)));
        if (c.identity_opts.increment)
            id.raw("increment", number_source(std::to_string(c.identity_opts.increment)));
        out += ".identity(" + (id.empty() ? std::string() : id.braced()) + ")";
    }
    if (!c.foreign_key_target.empty())
        out += ".foreign_key(" + cpp_string(c.foreign_key_target) + fk_options(c.foreign_key_opts) + ")";
    return out;
}

[[noreturn]] void unprintable(const std::string& what) {
    throw error("cannot write " + what + " as DSL source: no DSL call records it");
}

bool default_fk(const foreign_key_options& o) {
    return o.ondelete.empty() && o.onupdate.empty() && !o.deferrable && o.initially.empty() && o.match.empty() &&
           o.source_schema.empty() && o.referent_schema.empty();
}

std::string constraint_source(const Constraint& c) {
    std::string name = c.name.empty() ? "" : ", " + cpp_string(c.name);
    switch (c.kind) {
    case constraint_kind::primary_key:
    case constraint_kind::unique:
        if (!default_fk(c.fk) || !c.expression.empty() || !c.referent_table.empty() || !c.referent_columns.empty())
            unprintable("constraint " + c.name);
        return std::string(c.kind == constraint_kind::primary_key ? "PrimaryKeyConstraint(" : "UniqueConstraint(") +
               name_list(c.columns) + name + ")";
    case constraint_kind::check:
        if (!default_fk(c.fk) || !c.columns.empty() || !c.referent_table.empty() || !c.referent_columns.empty())
            unprintable("constraint " + c.name);
        return "CheckConstraint(" + cpp_string(c.expression) + name + ")";
    case constraint_kind::foreign_key: {
        std::string options = fk_options(c.fk);
        // The name is positional before the options: an unnamed key with options passes "".
        if (name.empty() && !options.empty()) name = ", \"\"";
        return "ForeignKeyConstraint(" + name_list(c.columns) + ", " + cpp_string(c.referent_table) + ", " +
               name_list(c.referent_columns) + name + options + ")";
    }
    }
    unprintable("constraint " + c.name);
}

std::string default_change_source(const default_change& d) {
    switch (d.mode) {
    case default_change::mode_t::keep: return {};
    case default_change::mode_t::set_literal: return cpp_string(d.text);
    case default_change::mode_t::set_sql: return "sql(" + cpp_string(d.text) + ")";
    case default_change::mode_t::drop: return "drop_default()";
    }
    return {};
}

/// Prints one operation as `op.call(...)` (without the ';').
struct call_writer {
    const std::string& indent;

    std::string operator()(const op::create_table& o) const {
        std::string out = "op.create_table(" + cpp_string(o.name) + ", {\n";
        for (const auto& c : o.columns) out += indent + "    " + column_source(c) + ",\n";
        for (const auto& c : o.constraints) out += indent + "    " + constraint_source(c) + ",\n";
        out += indent + "}";
        return out + designated()
                         .text("schema", o.schema)
                         .text("comment", o.comment)
                         .flag("if_not_exists", o.if_not_exists)
                         .trailing() +
               ")";
    }
    std::string operator()(const op::drop_table& o) const {
        return "op.drop_table(" + cpp_string(o.name) +
               designated().text("schema", o.schema).flag("if_exists", o.if_exists).flag("cascade", o.cascade).trailing() +
               ")";
    }
    std::string operator()(const op::rename_table& o) const {
        return "op.rename_table(" + cpp_string(o.old_name) + ", " + cpp_string(o.new_name) +
               designated().text("schema", o.schema).trailing() + ")";
    }
    std::string operator()(const op::table_comment& o) const {
        std::string schema = designated().text("schema", o.schema).trailing();
        if (o.comment.empty()) return "op.drop_table_comment(" + cpp_string(o.table) + schema + ")";
        return "op.create_table_comment(" + cpp_string(o.table) + ", " + cpp_string(o.comment) + schema + ")";
    }
    std::string operator()(const op::add_column& o) const {
        return "op.add_column(" + cpp_string(o.table) + ", " + column_source(o.column) +
               designated().text("schema", o.schema).flag("if_not_exists", o.if_not_exists).trailing() + ")";
    }
    std::string operator()(const op::drop_column& o) const {
        return "op.drop_column(" + cpp_string(o.table) + ", " + cpp_string(o.column) +
               designated().text("schema", o.schema).flag("if_exists", o.if_exists).flag("cascade", o.cascade).trailing() +
               ")";
    }
    std::string operator()(const op::alter_column& o) const {
        const auto& x = o.options;
        designated d;
        d.text("schema", o.schema).text("new_column_name", x.new_column_name);
        if (x.type.kind != type_kind::unchanged) d.raw("type", type_source(x.type));
        d.text("using_expression", x.using_expression);
        if (x.nullable != -1) d.raw("nullable", x.nullable ? "true" : "false");
        if (x.server_default.mode != default_change::mode_t::keep)
            d.raw("server_default", default_change_source(x.server_default));
        d.text("comment", x.comment).flag("drop_comment", x.drop_comment);
        return "op.alter_column(" + cpp_string(o.table) + ", " + cpp_string(o.column) + ", " + d.braced() + ")";
    }
    std::string operator()(const op::create_enum& o) const {
        return "op.create_enum(" + cpp_string(o.name) + ", " + name_list(o.values) +
               designated().text("schema", o.schema).trailing() + ")";
    }
    std::string operator()(const op::drop_enum& o) const {
        return "op.drop_enum(" + cpp_string(o.name) +
               designated().text("schema", o.schema).flag("if_exists", o.if_exists).flag("cascade", o.cascade).trailing() +
               ")";
    }
    std::string operator()(const op::add_enum_value& o) const {
        return "op.add_enum_value(" + cpp_string(o.name) + ", " + cpp_string(o.value) +
               designated()
                   .text("schema", o.schema)
                   .text("before", o.before)
                   .text("after", o.after)
                   .flag("if_not_exists", o.if_not_exists)
                   .trailing() +
               ")";
    }
    std::string operator()(const op::create_index& o) const {
        const auto& x = o.options;
        designated d;
        d.flag("unique", x.unique).text("schema", o.schema).text("where", x.where).text("method", x.method);
        if (!x.include.items.empty()) d.raw("include", name_list(x.include.items));
        d.flag("concurrently", x.concurrently).flag("if_not_exists", x.if_not_exists);
        return "op.create_index(" + cpp_string(o.name) + ", " + cpp_string(o.table) + ", " + name_list(o.columns) +
               d.trailing() + ")";
    }
    std::string operator()(const op::drop_index& o) const {
        return "op.drop_index(" + cpp_string(o.name) +
               designated()
                   .text("schema", o.schema)
                   .flag("concurrently", o.concurrently)
                   .flag("if_exists", o.if_exists)
                   .flag("cascade", o.cascade)
                   .trailing() +
               ")";
    }
    std::string operator()(const op::add_constraint& o) const {
        const Constraint& c = o.constraint;
        std::string name = cpp_string(c.name), table = cpp_string(o.table);
        switch (c.kind) {
        case constraint_kind::primary_key:
            if (o.not_valid || !default_fk(c.fk) || !o.using_index.empty() || o.concurrently)
                unprintable("primary key " + c.name);
            return "op.create_primary_key(" + name + ", " + table + ", " + name_list(c.columns) +
                   designated().text("schema", o.schema).trailing() + ")";
        case constraint_kind::unique:
            if (o.not_valid || !c.fk.ondelete.empty() || !c.fk.onupdate.empty() || !c.fk.match.empty() ||
                !c.fk.source_schema.empty() || !c.fk.referent_schema.empty())
                unprintable("unique constraint " + c.name);
            return "op.create_unique_constraint(" + name + ", " + table + ", " + name_list(c.columns) +
                   designated()
                       .text("schema", o.schema)
                       .flag("deferrable", c.fk.deferrable)
                       .text("initially", c.fk.initially)
                       .text("using_index", o.using_index)
                       .flag("concurrently", o.concurrently)
                       .trailing() +
                   ")";
        case constraint_kind::check:
            if (!default_fk(c.fk)) unprintable("check constraint " + c.name);
            return "op.create_check_constraint(" + name + ", " + table + ", " + cpp_string(c.expression) +
                   designated().text("schema", o.schema).flag("not_valid", o.not_valid).trailing() + ")";
        case constraint_kind::foreign_key:
            if (!c.fk.source_schema.empty()) unprintable("foreign key " + c.name);
            return "op.create_foreign_key(" + name + ", " + table + ", " + cpp_string(c.referent_table) + ", " +
                   name_list(c.columns) + ", " + name_list(c.referent_columns) +
                   designated()
                       .text("ondelete", c.fk.ondelete)
                       .text("onupdate", c.fk.onupdate)
                       .flag("deferrable", c.fk.deferrable)
                       .text("initially", c.fk.initially)
                       .text("match", c.fk.match)
                       .text("source_schema", o.schema)
                       .text("referent_schema", c.fk.referent_schema)
                       .flag("not_valid", o.not_valid)
                       .trailing() +
                   ")";
        }
        unprintable("constraint " + c.name);
    }
    std::string operator()(const op::add_exclude_constraint& o) const {
        std::string elements = "{";
        for (std::size_t i = 0; i < o.elements.size(); ++i)
            elements += (i ? ", {" : "{") + cpp_string(o.elements[i].expression) + ", " +
                        cpp_string(o.elements[i].operator_) + "}";
        elements += "}";
        designated d;
        d.text("schema", o.schema);
        if (o.using_method != "gist") d.raw("using_method", cpp_string(o.using_method));
        d.text("where", o.where).flag("deferrable", o.deferrable).text("initially", o.initially);
        return "op.create_exclude_constraint(" + cpp_string(o.name) + ", " + cpp_string(o.table) + ", " + elements +
               d.trailing() + ")";
    }
    std::string operator()(const op::validate_constraint& o) const {
        return "op.validate_constraint(" + cpp_string(o.name) + ", " + cpp_string(o.table) +
               designated().text("schema", o.schema).trailing() + ")";
    }
    std::string operator()(const op::drop_constraint& o) const {
        return "op.drop_constraint(" + cpp_string(o.name) + ", " + cpp_string(o.table) +
               designated().text("schema", o.schema).flag("if_exists", o.if_exists).flag("cascade", o.cascade).trailing() +
               ")";
    }
    std::string operator()(const op::execute& o) const {
        return "op.execute(" + cpp_string(o.sql) + (o.params.empty() ? "" : ", " + values_source(o.params)) + ")";
    }
    std::string operator()(const op::bulk_insert& o) const {
        std::string rows = "{";
        for (std::size_t i = 0; i < o.rows.size(); ++i) rows += (i ? ",\n" : "\n") + indent + "    " + values_source(o.rows[i]);
        rows += o.rows.empty() ? "}" : "\n" + indent + "}";
        return "op.bulk_insert(" + cpp_string(o.table) + ", " + name_list(o.columns) + ", " + rows +
               designated().text("schema", o.schema).trailing() + ")";
    }
    std::string operator()(const op::run_code&) const { unprintable("run_code (a function pointer)"); }
    std::string operator()(const op::irreversible& o) const { return "op.irreversible(" + cpp_string(o.reason) + ")"; }
    std::string operator()(const op::set_not_null& o) const {
        return "op.set_not_null(" + cpp_string(o.table) + ", " + cpp_string(o.column) +
               designated().text("schema", o.schema).trailing() + ")";
    }
    std::string operator()(const op::backfill& o) const {
        const backfill_options defaults;
        designated options;
        options.text("schema", o.schema).text("key", o.key == defaults.key ? "" : o.key);
        if (o.batch_rows != defaults.batch_rows) options.raw("batch_rows", number_source(std::to_string(o.batch_rows)));
        if (o.pause_ms != defaults.pause_ms) options.raw("pause_ms", number_source(std::to_string(o.pause_ms)));
        return "op.backfill(" + cpp_string(o.table) + ", " + cpp_string(o.set_sql) + ", " + cpp_string(o.where_sql) +
               options.trailing() + ")";
    }
    std::string operator()(const op::begin_autocommit&) const { return {}; }
    std::string operator()(const op::end_autocommit&) const { return {}; }
};

}  // namespace

std::string cpp_string(const std::string& text) {
    // A raw string keeps multi-line SQL as the catalog wrote it, when its delimiter cannot clash.
    if (text.find('\n') != std::string::npos && text.find(")sql\"") == std::string::npos &&
        text.find('\r') == std::string::npos)
        return "R\"sql(" + text + ")sql\"";
    return quoted(text);
}

std::string type_source(const Type& t) {
    std::string base;
    auto args = [](std::initializer_list<int> values) {
        // Trailing defaults (-1) are left out: Numeric(10) rather than Numeric(10, -1).
        std::vector<int> v(values);
        while (!v.empty() && v.back() == -1) v.pop_back();
        std::string out;
        for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + std::to_string(v[i]);
        return out;
    };
    bool extra_length = t.length != -1, extra_precision = t.precision != -1, extra_scale = t.scale != -1,
         extra_tz = t.timezone, extra_name = !t.name.empty() || !t.enum_values.empty();
    switch (t.kind) {
    case type_kind::small_integer: base = "SmallInteger()"; break;
    case type_kind::integer: base = "Integer()"; break;
    case type_kind::big_integer: base = "BigInteger()"; break;
    case type_kind::numeric:
        base = "Numeric(" + args({t.precision, t.scale}) + ")";
        extra_precision = extra_scale = false;
        break;
    case type_kind::real:
        base = "Float(" + args({t.precision}) + ")";
        extra_precision = false;
        break;
    case type_kind::double_precision: base = "Double()"; break;
    case type_kind::boolean: base = "Boolean()"; break;
    case type_kind::text: base = "Text()"; break;
    case type_kind::varchar:
        base = "String(" + args({t.length}) + ")";
        extra_length = false;
        break;
    case type_kind::character:
        base = "CHAR(" + args({t.length}) + ")";
        extra_length = false;
        break;
    case type_kind::date: base = "Date()"; break;
    case type_kind::time:
        base = t.timezone ? "Time(true)" : "Time()";
        extra_tz = false;
        break;
    case type_kind::timestamp:
        base = t.timezone ? "DateTime(true)" : "DateTime()";
        extra_tz = false;
        break;
    case type_kind::interval: base = "Interval()"; break;
    case type_kind::uuid: base = "UUID()"; break;
    case type_kind::json: base = "JSON()"; break;
    case type_kind::jsonb: base = "JSONB()"; break;
    case type_kind::bytea: base = "LargeBinary()"; break;
    case type_kind::enumeration:
        base = "Enum(" + cpp_string(t.name) + ", " + name_list(t.enum_values) + ")";
        extra_name = false;
        break;
    case type_kind::raw:
        if (!t.enum_values.empty()) unprintable("a raw type with enum values");
        base = "raw_type(" + cpp_string(t.name) + ")";
        extra_name = false;
        break;
    case type_kind::unchanged: unprintable("the 'unchanged' type");
    }
    if (extra_length || extra_precision || extra_scale || extra_tz || extra_name)
        unprintable("type " + base + " with fields its factory does not take");
    if (t.array_dimensions == 1) return "ARRAY(" + base + ")";
    if (t.array_dimensions > 1) return "ARRAY(" + base + ", " + std::to_string(t.array_dimensions) + ")";
    return base;
}

std::string dsl_source(const std::vector<op::operation>& operations, const std::string& indent) {
    std::string out, current = indent;
    for (const auto& o : operations) {
        if (std::holds_alternative<op::begin_autocommit>(o)) {
            out += current + "{\n";
            current += "    ";
            out += current + "auto block = op.autocommit_block();\n";
        } else if (std::holds_alternative<op::end_autocommit>(o)) {
            if (current.size() < indent.size() + 4) unprintable("an autocommit block end without its start");
            current.resize(current.size() - 4);
            out += current + "}\n";
        } else {
            out += current + std::visit(call_writer{current}, o) + ";\n";
        }
    }
    if (current != indent) unprintable("an autocommit block without its end");
    return out;
}

}  // namespace retort::autogen
