#include "schema/sql_printer.hpp"

#include "render/quoting.hpp"
#include "schema/sql_header.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace retort::schema {

namespace {

using render::quote_identifier;
using render::quote_literal;

std::string q(const qualified_name& n) { return render::qualified(n.schema, n.name); }

std::string strip_semicolon(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == ';')) text.pop_back();
    return text;
}

std::pair<std::int64_t, std::int64_t> type_range(const std::string& type) {
    if (type == "smallint") return {-32768, 32767};
    if (type == "integer") return {-2147483648LL, 2147483647};
    return {INT64_MIN, INT64_MAX};
}

/// The options that differ from what PostgreSQL picks for `o.data_type` by itself.
std::string sequence_clauses(const sequence_options& o, bool with_type) {
    auto [low, high] = type_range(o.data_type);
    bool ascending = o.increment > 0;
    std::int64_t min = ascending ? 1 : low, max = ascending ? high : -1;
    std::string out;
    auto add = [&out](const std::string& clause) { out += (out.empty() ? "" : " ") + clause; };
    if (with_type && o.data_type != "bigint") add("AS " + o.data_type);
    if (o.start != (ascending ? o.min : o.max)) add("START WITH " + std::to_string(o.start));
    if (o.increment != 1) add("INCREMENT BY " + std::to_string(o.increment));
    if (o.min != min) add("MINVALUE " + std::to_string(o.min));
    if (o.max != max) add("MAXVALUE " + std::to_string(o.max));
    if (o.cache != 1) add("CACHE " + std::to_string(o.cache));
    if (o.cycle) add("CYCLE");
    return out;
}

std::string column_sql(const column& c) {
    std::string out = quote_identifier(c.name) + " " + c.type;
    if (!c.collation.empty()) out += " COLLATE " + c.collation;
    if (!c.generated.empty()) out += " GENERATED ALWAYS AS (" + c.generated + ") STORED";
    if (c.identity_spec) {
        out += std::string(" GENERATED ") + (c.identity_spec->always ? "ALWAYS" : "BY DEFAULT") + " AS IDENTITY";
        auto options = sequence_clauses(c.identity_spec->options, false);
        if (!options.empty()) out += " (" + options + ")";
    }
    if (!c.default_expr.empty()) out += " DEFAULT " + c.default_expr;
    if (c.not_null) out += " NOT NULL";
    return out;
}

/// Parents before children (INHERITS, PARTITION OF), otherwise by name.
std::vector<const table*> tables_in_order(const std::vector<table>& tables) {
    std::map<qualified_name, const table*> by_name;
    for (const auto& t : tables) by_name.emplace(t.name, &t);
    std::vector<const table*> out;
    std::set<qualified_name> done, visiting;
    auto visit = [&](auto& self, const table& t) -> void {
        if (done.count(t.name) || !visiting.insert(t.name).second) return;
        std::vector<qualified_name> parents = t.inherits;
        if (t.partition_of) parents.push_back(*t.partition_of);
        for (const auto& p : parents)
            if (auto it = by_name.find(p); it != by_name.end()) self(self, *it->second);
        done.insert(t.name);
        out.push_back(&t);
    };
    for (const auto& t : tables) visit(visit, t);
    return out;
}

std::string table_sql(const table& t) {
    std::string out = std::string("CREATE ") + (t.unlogged ? "UNLOGGED " : "") + "TABLE " + q(t.name);
    if (t.partition_of) {
        out += " PARTITION OF " + q(*t.partition_of) + " " + t.partition_bound;
    } else {
        out += " (";
        for (std::size_t i = 0; i < t.columns.size(); ++i)
            out += std::string(i ? "," : "") + "\n    " + column_sql(t.columns[i]);
        out += t.columns.empty() ? ")" : "\n)";
        if (!t.inherits.empty()) {
            std::string parents;
            for (const auto& p : t.inherits) parents += (parents.empty() ? "" : ", ") + q(p);
            out += " INHERITS (" + parents + ")";
        }
    }
    if (!t.partition_key.empty()) out += " PARTITION BY " + t.partition_key;
    if (!t.options.empty()) out += " WITH (" + t.options + ")";
    return out + ";\n";
}

/// Views after the views they select from, otherwise by name.
std::vector<const view*> views_in_order(const std::vector<view>& views) {
    std::map<qualified_name, const view*> by_name;
    for (const auto& v : views) by_name.emplace(v.name, &v);
    std::vector<const view*> out;
    std::set<qualified_name> done, visiting;
    auto visit = [&](auto& self, const view& v) -> void {
        if (done.count(v.name) || !visiting.insert(v.name).second) return;
        for (const auto& d : v.depends_on)
            if (auto it = by_name.find(d); it != by_name.end()) self(self, *it->second);
        done.insert(v.name);
        out.push_back(&v);
    };
    for (const auto& v : views) visit(visit, v);
    return out;
}

std::string view_sql(const view& v) {
    std::string out = std::string("CREATE ") + (v.materialized ? "MATERIALIZED " : "") + "VIEW " + q(v.name);
    if (!v.options.empty()) out += " WITH (" + v.options + ")";
    out += " AS\n" + strip_semicolon(v.definition);
    if (v.materialized) out += "\n  WITH NO DATA";
    return out + ";\n";
}

/// pg_get_indexdef says `ON ONLY` for a partitioned table's index; created that way, it would
/// stay invalid and skip the partitions, which the model lists no index for.
std::string index_sql(const index& i) {
    std::string out = i.definition;
    if (auto at = out.find(" ON ONLY "); at != std::string::npos) out.replace(at, 9, " ON ");
    return out + ";\n";
}

std::string function_sql(const function& f) { return strip_semicolon(f.definition) + ";\n"; }

std::string domain_sql(const domain& d) {
    std::string out = "CREATE DOMAIN " + q(d.name) + " AS " + d.base_type;
    if (!d.collation.empty()) out += " COLLATE " + d.collation;
    if (!d.default_expr.empty()) out += " DEFAULT " + d.default_expr;
    if (d.not_null) out += " NOT NULL";
    for (const auto& c : d.checks) out += "\n    CONSTRAINT " + quote_identifier(c.name) + " " + c.definition;
    return out + ";\n";
}

std::string enum_sql(const enum_type& e) {
    std::string values;
    for (const auto& v : e.values) values += (values.empty() ? "" : ", ") + quote_literal(v);
    return "CREATE TYPE " + q(e.name) + " AS ENUM (" + values + ");\n";
}

std::string trigger_state_sql(const trigger& t) {
    const char* state = t.enabled == 'D' ? "DISABLE" : t.enabled == 'R' ? "ENABLE REPLICA" : t.enabled == 'A' ? "ENABLE ALWAYS" : "";
    if (!*state) return "";
    return "ALTER TABLE " + q(t.table) + " " + state + " TRIGGER " + quote_identifier(t.name) + ";\n";
}

std::string policy_sql(const policy& p) {
    std::string roles;
    for (const auto& r : p.roles) roles += (roles.empty() ? "" : ", ") + (r == "public" ? "PUBLIC" : quote_identifier(r));
    std::string out = "CREATE POLICY " + quote_identifier(p.name) + " ON " + q(p.table) + " AS " +
                      (p.permissive ? "PERMISSIVE" : "RESTRICTIVE") + " FOR " + p.command + " TO " + roles;
    if (!p.using_expr.empty()) out += " USING (" + p.using_expr + ")";
    if (!p.check_expr.empty()) out += " WITH CHECK (" + p.check_expr + ")";
    return out + ";\n";
}

std::string comment_sql(const std::string& what, const std::string& comment) {
    return "COMMENT ON " + what + " IS " + quote_literal(comment) + ";\n";
}

std::string comments_sql(const schema& s) {
    std::string out;
    auto add = [&out](const std::string& what, const std::string& comment) {
        if (!comment.empty()) out += comment_sql(what, comment);
    };
    for (const auto& n : s.namespaces) add("SCHEMA " + quote_identifier(n.name), n.comment);
    for (const auto& e : s.enums) add("TYPE " + q(e.name), e.comment);
    for (const auto& d : s.domains) add("DOMAIN " + q(d.name), d.comment);
    for (const auto& x : s.sequences) add("SEQUENCE " + q(x.name), x.comment);
    for (const auto& t : s.tables) {
        add("TABLE " + q(t.name), t.comment);
        for (const auto& c : t.columns) add("COLUMN " + q(t.name) + "." + quote_identifier(c.name), c.comment);
    }
    for (const auto& c : s.constraints) add("CONSTRAINT " + quote_identifier(c.name) + " ON " + q(c.table), c.comment);
    for (const auto& i : s.indexes) add("INDEX " + q(i.name), i.comment);
    for (const auto& v : s.views) add(std::string(v.materialized ? "MATERIALIZED VIEW " : "VIEW ") + q(v.name), v.comment);
    for (const auto& f : s.functions)
        add(std::string(f.procedure ? "PROCEDURE " : "FUNCTION ") + q(f.name) + "(" + f.arguments + ")", f.comment);
    for (const auto& t : s.triggers) add("TRIGGER " + quote_identifier(t.name) + " ON " + q(t.table), t.comment);
    for (const auto& p : s.policies) add("POLICY " + quote_identifier(p.name) + " ON " + q(p.table), p.comment);
    return out;
}

void section(std::string& out, const std::string& text) {
    if (text.empty()) return;
    out += "\n" + text;
}

}  // namespace

std::string canonical_sql(const schema& s) {
    std::string out = canonical_sql_header;
    std::string part;
    for (const auto& n : s.namespaces) part += "CREATE SCHEMA " + quote_identifier(n.name) + ";\n";
    section(out, part);
    part.clear();
    for (const auto& e : s.extensions)
        part += "CREATE EXTENSION IF NOT EXISTS " + quote_identifier(e.name) + " WITH SCHEMA " +
                quote_identifier(e.schema) + " VERSION " + quote_literal(e.version) + ";\n";
    section(out, part);
    part.clear();
    for (const auto& e : s.enums) part += enum_sql(e);
    section(out, part);
    part.clear();
    for (const auto& d : s.domains) part += domain_sql(d);
    section(out, part);
    part.clear();
    for (const auto& x : s.sequences) {
        auto options = sequence_clauses(x.options, true);
        part += "CREATE SEQUENCE " + q(x.name) + (options.empty() ? "" : " " + options) + ";\n";
    }
    section(out, part);
    // Functions whose signature names a row type wait for the tables; the others come first,
    // since defaults, checks and generated columns may call them.
    for (const auto& f : s.functions)
        if (!f.uses_row_types) section(out, function_sql(f));
    for (const table* t : tables_in_order(s.tables)) section(out, table_sql(*t));
    part.clear();
    for (const auto& x : s.sequences)
        if (!x.owned_by.empty()) {
            // owned_by is schema.table.column of plain names; quote each part.
            auto first = x.owned_by.find('.'), second = x.owned_by.find('.', first + 1);
            part += "ALTER SEQUENCE " + q(x.name) + " OWNED BY " +
                    render::qualified(x.owned_by.substr(0, first), x.owned_by.substr(first + 1, second - first - 1)) +
                    "." + quote_identifier(x.owned_by.substr(second + 1)) + ";\n";
        }
    section(out, part);
    // Keys before the foreign keys that reference them.
    for (bool foreign : {false, true}) {
        part.clear();
        for (const auto& c : s.constraints)
            if ((c.type == constraint_type::foreign_key) == foreign)
                part += "ALTER TABLE " + q(c.table) + " ADD CONSTRAINT " + quote_identifier(c.name) + " " + c.definition +
                        ";\n";
        section(out, part);
    }
    for (const auto& f : s.functions)
        if (f.uses_row_types) section(out, function_sql(f));
    for (const view* v : views_in_order(s.views)) section(out, view_sql(*v));
    part.clear();
    for (const auto& i : s.indexes) part += index_sql(i);
    section(out, part);
    part.clear();
    for (const auto& t : s.triggers) part += t.definition + ";\n" + trigger_state_sql(t);
    section(out, part);
    part.clear();
    for (const auto& t : s.tables) {
        if (t.row_security) part += "ALTER TABLE " + q(t.name) + " ENABLE ROW LEVEL SECURITY;\n";
        if (t.force_row_security) part += "ALTER TABLE " + q(t.name) + " FORCE ROW LEVEL SECURITY;\n";
    }
    for (const auto& p : s.policies) part += policy_sql(p);
    section(out, part);
    section(out, comments_sql(s));
    part.clear();
    for (const auto& u : s.not_modelled) part += "-- not modelled: " + u.kind + " " + u.name + "\n";
    section(out, part);
    return out;
}

}  // namespace retort::schema
