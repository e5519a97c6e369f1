#include "schema/diff.hpp"

#include <algorithm>
#include <map>

namespace retort::schema {

const char* to_string(constraint_type t) {
    switch (t) {
        case constraint_type::primary_key: return "primary key";
        case constraint_type::unique: return "unique";
        case constraint_type::foreign_key: return "foreign key";
        case constraint_type::exclusion: return "exclusion";
        case constraint_type::check: break;
    }
    return "check";
}

namespace {

using details = std::vector<std::string>;

std::string shown(const std::string& value) { return value.empty() ? "none" : value; }

/// "label a → b" when the values differ (an empty label leaves only "a → b").
void compare(details& out, const std::string& label, const std::string& a, const std::string& b) {
    if (a == b) return;
    out.push_back((label.empty() ? "" : label + " ") + shown(a) + " → " + shown(b));
}

void compare_flag(details& out, bool a, bool b, const std::string& yes, const std::string& no) {
    if (a != b) out.push_back((a ? yes : no) + " → " + (b ? yes : no));
}

/// For long texts (definitions): say that they differ, not how.
void compare_text(details& out, const std::string& label, const std::string& a, const std::string& b) {
    if (a != b) out.push_back(label + " changed");
}

/// Every typed field is compared through a text above; should two objects still differ, say so.
template <class T>
details complete(details d, const T& a, const T& b) {
    if (d.empty() && !(a == b)) d.push_back("catalog details changed");
    return d;
}

std::string join(const std::vector<std::string>& items, const std::string& sep = ", ") {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : sep) + i;
    return out;
}

std::string sequence_text(const sequence_options& o) {
    return "as " + o.data_type + " start " + std::to_string(o.start) + " increment " + std::to_string(o.increment) +
           " min " + std::to_string(o.min) + " max " + std::to_string(o.max) + " cache " + std::to_string(o.cache) +
           (o.cycle ? " cycle" : "");
}

std::string identity_text(const std::optional<identity>& i) {
    if (!i) return "";
    return std::string(i->always ? "always" : "by default") + " (" + sequence_text(i->options) + ")";
}

details column_details(const column& a, const column& b) {
    details out;
    compare(out, "", short_type(a.type), short_type(b.type));
    compare(out, "collation", a.collation, b.collation);
    compare_flag(out, a.not_null, b.not_null, "not null", "null");
    compare(out, "default", a.default_expr, b.default_expr);
    compare(out, "identity", identity_text(a.identity_spec), identity_text(b.identity_spec));
    compare(out, "generated", a.generated, b.generated);
    compare(out, "comment", a.comment, b.comment);
    return complete(out, a, b);
}

std::string qualified_list_text(const std::vector<qualified_name>& names) {
    std::vector<std::string> out;
    for (const auto& n : names) out.push_back(n.text());
    return join(out);
}

details table_details(const table& a, const table& b) {
    details out;
    compare_flag(out, a.unlogged, b.unlogged, "unlogged", "logged");
    compare(out, "partition key", a.partition_key, b.partition_key);
    compare(out, "partition of", a.partition_of ? a.partition_of->text() : "", b.partition_of ? b.partition_of->text() : "");
    compare(out, "partition bound", a.partition_bound, b.partition_bound);
    compare(out, "inherits", qualified_list_text(a.inherits), qualified_list_text(b.inherits));
    compare_flag(out, a.row_security, b.row_security, "row level security", "no row level security");
    compare_flag(out, a.force_row_security, b.force_row_security, "forced row level security",
                 "row level security not forced");
    compare(out, "options", a.options, b.options);
    compare(out, "comment", a.comment, b.comment);
    // The relative order of the columns both sides have (additions and removals are reported apart).
    std::vector<std::string> order_a, order_b;
    for (const auto& c : a.columns)
        if (std::any_of(b.columns.begin(), b.columns.end(), [&c](const column& x) { return x.name == c.name; }))
            order_a.push_back(c.name);
    for (const auto& c : b.columns)
        if (std::any_of(a.columns.begin(), a.columns.end(), [&c](const column& x) { return x.name == c.name; }))
            order_b.push_back(c.name);
    compare(out, "column order", join(order_a, ","), join(order_b, ","));
    return out;
}

details constraint_details(const constraint& a, const constraint& b) {
    details out;
    compare(out, "", a.definition, b.definition);
    compare(out, "comment", a.comment, b.comment);
    // Equal definitions but different typed fields cannot happen; name them if they ever do.
    return complete(out, a, b);
}

details index_details(const index& a, const index& b) {
    details out;
    compare(out, "", a.definition, b.definition);
    compare(out, "comment", a.comment, b.comment);
    return complete(out, a, b);
}

details enum_details(const enum_type& a, const enum_type& b) {
    details out;
    auto values = [](const enum_type& e) {
        std::string text = "(";
        text += join(e.values);
        return text += ")";
    };
    compare(out, "", values(a), values(b));
    compare(out, "comment", a.comment, b.comment);
    return complete(out, a, b);
}

details domain_details(const domain& a, const domain& b) {
    details out;
    compare(out, "", short_type(a.base_type), short_type(b.base_type));
    compare(out, "collation", a.collation, b.collation);
    compare_flag(out, a.not_null, b.not_null, "not null", "null");
    compare(out, "default", a.default_expr, b.default_expr);
    auto checks = [](const domain& d) {
        std::vector<std::string> out;
        for (const auto& c : d.checks) out.push_back(c.name + " " + c.definition);
        return join(out);
    };
    compare(out, "checks", checks(a), checks(b));
    compare(out, "comment", a.comment, b.comment);
    return complete(out, a, b);
}

details sequence_details(const sequence& a, const sequence& b) {
    details out;
    compare(out, "", sequence_text(a.options), sequence_text(b.options));
    compare(out, "owned by", a.owned_by, b.owned_by);
    compare(out, "comment", a.comment, b.comment);
    return complete(out, a, b);
}

details view_details(const view& a, const view& b) {
    details out;
    compare_flag(out, a.materialized, b.materialized, "materialized", "not materialized");
    compare_text(out, "definition", a.definition, b.definition);
    compare(out, "options", a.options, b.options);
    compare(out, "comment", a.comment, b.comment);
    if (out.empty() && !(a == b)) out.push_back("depends on " + qualified_list_text(a.depends_on) + " → " +
                                                shown(qualified_list_text(b.depends_on)));
    return out;
}

details function_details(const function& a, const function& b) {
    details out;
    compare_text(out, "definition", a.definition, b.definition);
    compare(out, "comment", a.comment, b.comment);
    return complete(out, a, b);
}

std::string enabled_text(char c) {
    switch (c) {
        case 'D': return "disabled";
        case 'R': return "enabled replica";
        case 'A': return "enabled always";
        default: return "enabled";
    }
}

details trigger_details(const trigger& a, const trigger& b) {
    details out;
    compare(out, "", a.definition, b.definition);
    compare(out, "", enabled_text(a.enabled), enabled_text(b.enabled));
    compare(out, "comment", a.comment, b.comment);
    return complete(out, a, b);
}

details policy_details(const policy& a, const policy& b) {
    details out;
    compare_flag(out, a.permissive, b.permissive, "permissive", "restrictive");
    compare(out, "for", a.command, b.command);
    compare(out, "to", join(a.roles), join(b.roles));
    compare(out, "using", a.using_expr, b.using_expr);
    compare(out, "with check", a.check_expr, b.check_expr);
    compare(out, "comment", a.comment, b.comment);
    return complete(out, a, b);
}

details namespace_details(const namespace_def& a, const namespace_def& b) {
    details out;
    compare(out, "comment", a.comment, b.comment);
    return complete(out, a, b);
}

details extension_details(const extension& a, const extension& b) {
    details out;
    compare(out, "schema", a.schema, b.schema);
    compare(out, "version", a.version, b.version);
    return complete(out, a, b);
}

/// Compares two lists of one kind by key; an object whose details are empty is unchanged (so each
/// details function names every field it compares, and tables leave their columns to compare_columns); `what` names an object's kind (views: view or
/// materialized view; functions: function or procedure).
template <class T, class Key, class Name, class What, class Details>
void compare_lists(const std::vector<T>& from, const std::vector<T>& to, Key key, Name name, What what,
                   Details details_of, std::vector<difference>& out) {
    using key_type = decltype(key(std::declval<const T&>()));
    std::map<key_type, const T*> before, after;
    for (const auto& x : from) before.emplace(key(x), &x);
    for (const auto& x : to) after.emplace(key(x), &x);
    auto b = before.begin();
    auto a = after.begin();
    while (b != before.end() || a != after.end()) {
        if (a == after.end() || (b != before.end() && b->first < a->first)) {
            out.push_back({change::removed, what(*b->second), name(*b->second), *b->second, {}, {}});
            ++b;
        } else if (b == before.end() || a->first < b->first) {
            out.push_back({change::added, what(*a->second), name(*a->second), {}, *a->second, {}});
            ++a;
        } else {
            auto d = details_of(*b->second, *a->second);
            if (!d.empty()) {
                out.push_back({change::changed, what(*a->second), name(*a->second), *b->second, *a->second, d});
            }
            ++b;
            ++a;
        }
    }
}

template <class T>
auto named(const char* kind) {
    return [kind](const T&) { return std::string(kind); };
}

void compare_columns(const std::vector<table>& from, const std::vector<table>& to, std::vector<difference>& out) {
    std::map<qualified_name, const table*> after;
    for (const auto& t : to) after.emplace(t.name, &t);
    for (const auto& t : from) {
        auto other = after.find(t.name);
        if (other == after.end()) continue;
        const std::string prefix = t.name.text() + ".";
        compare_lists(
            t.columns, other->second->columns, [](const column& c) { return c.name; },
            [&prefix](const column& c) { return prefix + c.name; }, named<column>("column"), column_details, out);
    }
}

}  // namespace

std::vector<difference> diff(const schema& from, const schema& to) {
    std::vector<difference> out;
    compare_lists(
        from.namespaces, to.namespaces, [](const namespace_def& n) { return n.name; },
        [](const namespace_def& n) { return n.name; }, named<namespace_def>("schema"), namespace_details, out);
    compare_lists(
        from.extensions, to.extensions, [](const extension& e) { return e.name; },
        [](const extension& e) { return e.name; }, named<extension>("extension"), extension_details, out);
    auto qualified = [](const auto& x) { return x.name.text(); };
    auto by_name = [](const auto& x) { return x.name; };
    compare_lists(from.enums, to.enums, by_name, qualified, named<enum_type>("enum"), enum_details, out);
    compare_lists(from.domains, to.domains, by_name, qualified, named<domain>("domain"), domain_details, out);
    compare_lists(from.sequences, to.sequences, by_name, qualified, named<sequence>("sequence"), sequence_details, out);
    compare_lists(from.tables, to.tables, by_name, qualified, named<table>("table"), table_details, out);
    compare_columns(from.tables, to.tables, out);
    auto on_table = [](const auto& x) { return std::make_pair(x.table, x.name); };
    auto table_qualified = [](const auto& x) { return x.table.text() + "." + x.name; };
    compare_lists(from.constraints, to.constraints, on_table, table_qualified, named<constraint>("constraint"),
                  constraint_details, out);
    compare_lists(from.indexes, to.indexes, by_name, qualified, named<index>("index"), index_details, out);
    compare_lists(
        from.views, to.views, by_name, qualified,
        [](const view& v) { return std::string(v.materialized ? "materialized view" : "view"); }, view_details, out);
    compare_lists(
        from.functions, to.functions, [](const function& f) { return f.signature(); },
        [](const function& f) { return f.signature(); },
        [](const function& f) { return std::string(f.procedure ? "procedure" : "function"); }, function_details, out);
    compare_lists(from.triggers, to.triggers, on_table, table_qualified, named<trigger>("trigger"), trigger_details,
                  out);
    compare_lists(from.policies, to.policies, on_table, table_qualified, named<policy>("policy"), policy_details, out);
    compare_lists(
        from.not_modelled, to.not_modelled, [](const unmodelled& u) { return u; },
        [](const unmodelled& u) { return u.name; }, [](const unmodelled& u) { return u.kind; },
        [](const unmodelled&, const unmodelled&) { return details{}; }, out);
    return out;
}

std::string describe(const difference& d) {
    std::string line = d.kind == change::added ? "+ " : d.kind == change::removed ? "- " : "~ ";
    line += d.object_kind;
    line += ' ';
    line += d.name;
    if (d.kind == change::changed) return line + ": " + join(d.details);
    // A column's type says most about it; other objects are named only.
    const object& o = d.kind == change::added ? d.after : d.before;
    if (const auto* c = std::get_if<column>(&o)) {
        line += ' ';
        line += short_type(c->type);
        if (c->not_null) line += " not null";
    }
    return line;
}

std::string short_type(const std::string& type) {
    static const std::pair<const char*, const char*> names[] = {
        {"character varying", "varchar"}, {"timestamp without time zone", "timestamp"},
        {"timestamp with time zone", "timestamptz"}, {"time without time zone", "time"},
        {"time with time zone", "timetz"}, {"bit varying", "varbit"}, {"character", "char"}};
    std::string out = type;
    // `timestamp(3) with time zone`: the precision sits inside the long name.
    for (const char* zone : {" with time zone", " without time zone"}) {
        auto at = out.find(zone);
        if (at == std::string::npos) continue;
        std::string head = out.substr(0, at), rest = out.substr(at + std::string(zone).size());
        auto paren = head.find('(');
        std::string base = head.substr(0, paren), precision = paren == std::string::npos ? "" : head.substr(paren);
        if (std::string(zone) == " with time zone") base += "tz";
        return base + precision + rest;
    }
    for (const auto& [long_name, short_name] : names) {
        std::string l = long_name;
        if (out.rfind(l, 0) == 0 && (out.size() == l.size() || out[l.size()] == '(' || out[l.size()] == '['))
            return short_name + out.substr(l.size());
    }
    return out;
}

}  // namespace retort::schema
