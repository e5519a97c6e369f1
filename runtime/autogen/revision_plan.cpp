#include "autogen/revision_plan.hpp"

#include "autogen/dsl_source.hpp"
#include "render/quoting.hpp"
#include "schema/sql_printer.hpp"

#include <algorithm>
#include <climits>
#include <functional>
#include <map>
#include <set>

namespace retort::autogen {

namespace {

namespace sm = retort::schema;
using sm::qualified_name;

std::string q(const qualified_name& n) { return render::qualified(n.schema, n.name); }
std::string qi(const std::string& name) { return render::quote_identifier(name); }

/// A DSL call's schema option: empty for public, which the search path finds.
std::string dsl_schema(const std::string& schema) { return schema == "public" ? std::string() : schema; }

/// How format_type names a type in `schema.name` once it is there (public needs no qualifier).
std::string type_display(const qualified_name& n) { return n.schema == "public" ? qi(n.name) : q(n); }

template <class T, class Key>
std::map<Key, const T*> index_by(const std::vector<T>& items, std::function<Key(const T&)> key) {
    std::map<Key, const T*> out;
    for (const auto& x : items) out.emplace(key(x), &x);
    return out;
}

bool mentions(const std::string& text, const std::string& word) {
    auto is_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    for (auto at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
        bool start = at == 0 || !is_word(text[at - 1]);
        bool end = at + word.size() >= text.size() || !is_word(text[at + word.size()]);
        if (start && end) return true;
    }
    return false;
}

// ------------------------------------------------------------ columns as DSL values

std::int64_t type_max(const std::string& type) {
    if (type == "smallint") return 32767;
    if (type == "integer") return 2147483647;
    return INT64_MAX;
}

/// An identity the DSL's identity_options can state: only START and INCREMENT differ from the defaults.
bool dsl_identity(const sm::identity& i) {
    const auto& o = i.options;
    return o.increment > 0 && o.min == 1 && o.max == type_max(o.data_type) && o.cache == 1 && !o.cycle;
}

bool dsl_column_ok(const sm::column& c) {
    return c.generated.empty() && (!c.identity_spec || dsl_identity(*c.identity_spec));
}

/// The DSL type for a column: a factory when one renders exactly this type, else raw_type with
/// the catalog's own text.
Type column_type(const sm::column& c, const sm::schema& model) {
    if (c.collation.empty()) {
        const auto& n = c.base_type;
        int m = c.typmod;
        std::optional<Type> t;
        if (n.schema == "pg_catalog") {
            const std::string& b = n.name;
            if (b == "int2") t = SmallInteger();
            else if (b == "int4") t = Integer();
            else if (b == "int8") t = BigInteger();
            else if (b == "text") t = Text();
            else if (b == "bool") t = Boolean();
            else if (b == "varchar") t = m >= 4 ? String(m - 4) : String();
            else if (b == "bpchar" && m >= 4) t = CHAR(m - 4);
            else if (b == "date") t = Date();
            else if (b == "timestamptz" && m == -1) t = DateTime(true);
            else if (b == "timestamp" && m == -1) t = DateTime();
            else if (b == "interval" && m == -1) t = Interval();
            else if (b == "uuid") t = UUID();
            else if (b == "json") t = JSON();
            else if (b == "jsonb") t = JSONB();
            else if (b == "bytea") t = LargeBinary();
            else if (b == "float8") t = Double();
            else if (b == "numeric") t = m >= 4 ? Numeric(((m - 4) >> 16) & 0xffff, (m - 4) & 0xffff) : Numeric();
        } else if (std::any_of(model.enums.begin(), model.enums.end(), [&](const auto& e) { return e.name == n; })) {
            t = Enum(n.schema == "public" ? n.name : n.schema + "." + n.name, {});
        }
        if (t) {
            if (c.array) t = ARRAY(*t);
            return *t;
        }
    }
    return raw_type(c.type + (c.collation.empty() ? "" : " COLLATE " + c.collation));
}

Column dsl_column(const sm::column& c, const sm::schema& model) {
    Column out(c.name, column_type(c, model));
    if (c.identity_spec) {
        const auto& o = c.identity_spec->options;
        out.identity({.always = c.identity_spec->always, .start = o.start != 1 ? o.start : 0,
                      .increment = o.increment != 1 ? o.increment : 0});
    } else if (c.not_null) {
        out.nullable(false);
    }
    if (!c.default_expr.empty()) out.server_default(sql(c.default_expr));
    if (!c.comment.empty()) out.comment(c.comment);
    return out;
}

bool dsl_table_ok(const sm::table& t) {
    return !t.unlogged && t.partition_key.empty() && !t.partition_of && t.inherits.empty() && t.options.empty() &&
           std::all_of(t.columns.begin(), t.columns.end(), dsl_column_ok);
}

bool dsl_index_ok(const sm::index& i) {
    return !i.nulls_not_distinct && std::all_of(i.keys.begin(), i.keys.end(), [](const sm::index_key& k) {
        return k.opclass.empty() && k.collation.empty() && !k.descending && !k.nulls_first;
    });
}

std::string comment_target(const sm::constraint& c) { return "CONSTRAINT " + qi(c.name) + " ON " + q(c.table); }
std::string comment_target(const sm::index& i) { return "INDEX " + q(i.name); }
std::string comment_target(const sm::view& v) { return (v.materialized ? "MATERIALIZED VIEW " : "VIEW ") + q(v.name); }
std::string comment_target(const sm::function& f) {
    return (f.procedure ? "PROCEDURE " : "FUNCTION ") + q(f.name) + "(" + f.arguments + ")";
}
std::string comment_target(const sm::trigger& t) { return "TRIGGER " + qi(t.name) + " ON " + q(t.table); }
std::string comment_target(const sm::policy& p) { return "POLICY " + qi(p.name) + " ON " + q(p.table); }
std::string comment_target(const sm::enum_type& e) { return "TYPE " + q(e.name); }
std::string comment_target(const sm::domain& d) { return "DOMAIN " + q(d.name); }
std::string comment_target(const sm::sequence& s) { return "SEQUENCE " + q(s.name); }
std::string comment_target(const sm::namespace_def& n) { return "SCHEMA " + qi(n.name); }

// ------------------------------------------------------------ the planner

class planner {
public:
    planner(const sm::schema& from, const sm::schema& to) : m_from(from), m_to(to) {}

    std::vector<planned_operation> run() {
        plan_namespaces();
        plan_renames();
        plan_dropped_dependents();
        plan_namespaces_and_types();
        plan_tables();
        plan_functions();
        plan_keys_and_indexes();
        plan_dependents();
        plan_dropped_last();
        std::vector<planned_operation> out;
        for (auto* phase : {&m_namespaces, &m_renames, &m_drop_dependents, &m_types, &m_tables, &m_functions, &m_keys, &m_dependents,
                            &m_drop_last})
            for (auto& p : *phase) out.push_back(std::move(p));
        return out;
    }

private:
    sm::schema m_from;  ///< the database as the planned operations leave it (renames applied)
    const sm::schema& m_to;
    std::vector<planned_operation> m_namespaces, m_renames, m_drop_dependents, m_types, m_tables, m_functions, m_keys, m_dependents,
        m_drop_last;
    std::set<qualified_name> m_dropped_views;    ///< dropped first, created again later when `to` has them
    std::set<qualified_name> m_rewritten_tables; ///< tables whose columns change type or go (views on them are rebuilt)
    std::set<std::string> m_dropped_constraints, m_dropped_indexes;

    using phase = std::vector<planned_operation>;

    static void add(phase& p, op::operation o, std::string comment = {}) { p.push_back({std::move(o), std::move(comment)}); }
    static void exec(phase& p, std::string sql_text, std::string comment = {}) {
        add(p, op::execute{std::move(sql_text), {}}, std::move(comment));
    }
    static void comment_on(phase& p, const std::string& target, const std::string& comment) {
        exec(p, "COMMENT ON " + target + " IS " + (comment.empty() ? "NULL" : render::quote_literal(comment)));
    }

    // -------------------------------------------------------- renames and moves

    /// Removed and added objects that are equal once `same` ignores their names: each pair that
    /// matches only each other.
    template <class T, class Key, class Same>
    std::vector<std::pair<const T*, const T*>> renamed(const std::vector<T>& from, const std::vector<T>& to, Key key,
                                                        Same same) {
        std::set<decltype(key(from.front()))> in_from, in_to;
        for (const auto& x : from) in_from.insert(key(x));
        for (const auto& x : to) in_to.insert(key(x));
        std::vector<const T*> removed, added;
        for (const auto& x : from)
            if (!in_to.count(key(x))) removed.push_back(&x);
        for (const auto& x : to)
            if (!in_from.count(key(x))) added.push_back(&x);
        std::vector<std::pair<const T*, const T*>> out;
        for (const T* r : removed) {
            std::vector<const T*> candidates;
            for (const T* a : added)
                if (same(*r, *a)) candidates.push_back(a);
            if (candidates.size() != 1) continue;
            int back = 0;
            for (const T* r2 : removed) back += same(*r2, *candidates.front());
            if (back == 1) out.emplace_back(r, candidates.front());
        }
        return out;
    }

    void plan_renames() {
        // Enums: the same values under another name or schema.
        auto enum_pairs = renamed(m_from.enums, m_to.enums, [](const sm::enum_type& e) { return e.name; },
                                  [](const sm::enum_type& a, const sm::enum_type& b) {
                                      return a.values == b.values && a.comment == b.comment;
                                  });
        std::vector<std::pair<qualified_name, qualified_name>> enum_moves;
        for (auto [r, a] : enum_pairs) enum_moves.emplace_back(r->name, a->name);
        for (const auto& [old_name, new_name] : enum_moves) {
            qualified_name at = old_name;
            if (old_name.schema != new_name.schema) {
                exec(m_renames, "ALTER TYPE " + q(at) + " SET SCHEMA " + qi(new_name.schema));
                at.schema = new_name.schema;
            }
            if (old_name.name != new_name.name) exec(m_renames, "ALTER TYPE " + q(at) + " RENAME TO " + qi(new_name.name));
            for (auto& e : m_from.enums)
                if (e.name == old_name) e.name = new_name;
            for (auto& t : m_from.tables)
                for (auto& c : t.columns)
                    if (c.base_type == old_name) {
                        c.base_type = new_name;
                        c.type = type_display(new_name) + (c.array ? "[]" : "");
                    }
        }

        // Tables: the same columns and properties under another name or schema.
        auto table_pairs = renamed(m_from.tables, m_to.tables, [](const sm::table& t) { return t.name; },
                                   [](const sm::table& a, const sm::table& b) {
                                       sm::table x = a;
                                       x.name = b.name;
                                       return x == b;
                                   });
        std::vector<std::pair<qualified_name, qualified_name>> table_moves;
        for (auto [r, a] : table_pairs) table_moves.emplace_back(r->name, a->name);
        for (const auto& [old_name, new_name] : table_moves) {
            qualified_name at = old_name;
            if (old_name.schema != new_name.schema) {
                exec(m_renames, "ALTER TABLE " + q(at) + " SET SCHEMA " + qi(new_name.schema),
                     "the table " + old_name.text() + " moves to schema " + new_name.schema);
                at.schema = new_name.schema;
            }
            if (old_name.name != new_name.name)
                add(m_renames, op::rename_table{dsl_schema(at.schema), at.name, new_name.name});
            move_table(old_name, new_name);
        }

        // Constraints and indexes: the same definition on the same table under another name.
        auto constraint_pairs = renamed(
            m_from.constraints, m_to.constraints, [](const sm::constraint& c) { return std::make_pair(c.table, c.name); },
            [](const sm::constraint& a, const sm::constraint& b) {
                sm::constraint x = a;
                x.name = b.name;
                return x == b;
            });
        std::vector<std::pair<std::pair<qualified_name, std::string>, std::string>> constraint_moves;
        for (auto [r, a] : constraint_pairs) constraint_moves.push_back({{r->table, r->name}, a->name});
        for (const auto& [key, new_name] : constraint_moves) {
            exec(m_renames, "ALTER TABLE " + q(key.first) + " RENAME CONSTRAINT " + qi(key.second) + " TO " + qi(new_name));
            for (auto& c : m_from.constraints)
                if (c.table == key.first && c.name == key.second) c.name = new_name;
        }
        auto same_index = [](const sm::index& a, const sm::index& b) {
            sm::index x = a;
            x.name = b.name;
            x.definition = b.definition;
            return x == b;
        };
        auto index_pairs = renamed(m_from.indexes, m_to.indexes, [](const sm::index& i) { return i.name; }, same_index);
        std::vector<std::pair<qualified_name, sm::index>> index_moves;
        for (auto [r, a] : index_pairs) index_moves.emplace_back(r->name, *a);
        for (const auto& [old_name, renamed_index] : index_moves) {
            exec(m_renames, "ALTER INDEX " + q(old_name) + " RENAME TO " + qi(renamed_index.name.name));
            for (auto& i : m_from.indexes)
                if (i.name == old_name) i = renamed_index;
        }
    }

    /// What a table's rename or move carries along: its constraints, indexes, triggers, policies
    /// and owned sequences.
    void move_table(const qualified_name& old_name, const qualified_name& new_name) {
        for (auto& t : m_from.tables)
            if (t.name == old_name) t.name = new_name;
        for (auto& c : m_from.constraints)
            if (c.table == old_name) c.table = new_name;
        for (auto& c : m_from.constraints)
            if (c.references == old_name) c.references = new_name;
        for (auto& i : m_from.indexes)
            if (i.table == old_name) {
                i.table = new_name;
                i.name.schema = new_name.schema;
            }
        for (auto& t : m_from.triggers)
            if (t.table == old_name) {
                t.table = new_name;
                auto at = t.definition.find(" ON " + q(old_name) + " ");
                if (at != std::string::npos) t.definition.replace(at + 4, q(old_name).size(), q(new_name));
            }
        for (auto& p : m_from.policies)
            if (p.table == old_name) p.table = new_name;
        std::string owner = old_name.text() + ".";
        for (auto& s : m_from.sequences)
            if (s.owned_by.rfind(owner, 0) == 0) {
                s.owned_by = new_name.text() + "." + s.owned_by.substr(owner.size());
                s.name.schema = new_name.schema;
            }
    }

    // -------------------------------------------------------- dependents dropped first

    const sm::table* from_table(const qualified_name& n) const {
        for (const auto& t : m_from.tables)
            if (t.name == n) return &t;
        return nullptr;
    }
    const sm::table* to_table(const qualified_name& n) const {
        for (const auto& t : m_to.tables)
            if (t.name == n) return &t;
        return nullptr;
    }

    void note_rewritten_tables() {
        for (const auto& t : m_from.tables) {
            const sm::table* after = to_table(t.name);
            if (!after) {
                m_rewritten_tables.insert(t.name);
                continue;
            }
            for (const auto& c : t.columns) {
                auto it = std::find_if(after->columns.begin(), after->columns.end(),
                                       [&](const sm::column& x) { return x.name == c.name; });
                if (it == after->columns.end() || it->type != c.type || it->collation != c.collation ||
                    it->generated != c.generated)
                    m_rewritten_tables.insert(t.name);
            }
        }
        // An enum rebuilt below changes the type of every column using it.
        for (const auto& e : m_from.enums)
            if (needs_rebuild(e))
                for (const auto& t : m_from.tables)
                    for (const auto& c : t.columns)
                        if (c.base_type == e.name) m_rewritten_tables.insert(t.name);
    }

    const sm::enum_type* to_enum(const qualified_name& n) const {
        for (const auto& e : m_to.enums)
            if (e.name == n) return &e;
        return nullptr;
    }

    /// Values removed or reordered: PostgreSQL can only add values, so the type is rebuilt.
    bool needs_rebuild(const sm::enum_type& e) const {
        const auto* after = to_enum(e.name);
        if (!after || after->values == e.values) return false;
        std::size_t at = 0;
        for (const auto& v : after->values)
            if (at < e.values.size() && v == e.values[at]) ++at;
        return at != e.values.size();
    }

    void plan_dropped_dependents() {
        note_rewritten_tables();
        auto to_policies = index_by<sm::policy, std::pair<qualified_name, std::string>>(
            m_to.policies, [](const sm::policy& p) { return std::make_pair(p.table, p.name); });
        for (const auto& p : m_from.policies) {
            auto it = to_policies.find({p.table, p.name});
            if (it == to_policies.end() || !same_except_comment(p, *it->second))
                exec(m_drop_dependents, "DROP POLICY " + qi(p.name) + " ON " + q(p.table));
        }
        auto to_triggers = index_by<sm::trigger, std::pair<qualified_name, std::string>>(
            m_to.triggers, [](const sm::trigger& t) { return std::make_pair(t.table, t.name); });
        for (const auto& t : m_from.triggers) {
            auto it = to_triggers.find({t.table, t.name});
            if (it == to_triggers.end() || it->second->definition != t.definition)
                exec(m_drop_dependents, "DROP TRIGGER " + qi(t.name) + " ON " + q(t.table));
        }
        plan_dropped_views();
        // Foreign keys before the keys they reference.
        auto to_constraints = index_by<sm::constraint, std::pair<qualified_name, std::string>>(
            m_to.constraints, [](const sm::constraint& c) { return std::make_pair(c.table, c.name); });
        for (bool foreign : {true, false})
            for (const auto& c : m_from.constraints) {
                if ((c.type == sm::constraint_type::foreign_key) != foreign) continue;
                auto it = to_constraints.find({c.table, c.name});
                if (it != to_constraints.end() && same_except_comment(c, *it->second)) continue;
                if (!to_table(c.table) && from_table(c.table) && !foreign) continue;  // goes with its table
                add(m_drop_dependents, op::drop_constraint{dsl_schema(c.table.schema), c.table.name, c.name});
                m_dropped_constraints.insert(c.table.text() + "." + c.name);
            }
        auto to_indexes = index_by<sm::index, qualified_name>(m_to.indexes, [](const sm::index& i) { return i.name; });
        for (const auto& i : m_from.indexes) {
            auto it = to_indexes.find(i.name);
            bool view_goes = m_dropped_views.count(i.table) > 0;
            if (it != to_indexes.end() && same_except_comment(i, *it->second) && !view_goes) continue;
            if (view_goes || (!to_table(i.table) && from_table(i.table))) {
                m_dropped_indexes.insert(i.name.text());  // goes with its table or materialized view
                continue;
            }
            add(m_drop_dependents, op::drop_index{dsl_schema(i.name.schema), i.name.name});
            m_dropped_indexes.insert(i.name.text());
        }
    }

    template <class T>
    static bool same_except_comment(const T& a, const T& b) {
        T x = a;
        x.comment = b.comment;
        return x == b;
    }

    void plan_dropped_views() {
        auto to_views = index_by<sm::view, qualified_name>(m_to.views, [](const sm::view& v) { return v.name; });
        std::set<qualified_name> drop;
        for (const auto& v : m_from.views) {
            auto it = to_views.find(v.name);
            bool rewritten = std::any_of(m_rewritten_tables.begin(), m_rewritten_tables.end(),
                                         [&](const qualified_name& t) { return mentions(v.definition, t.name); });
            if (it == to_views.end() || !same_except_comment(v, *it->second) || rewritten) drop.insert(v.name);
        }
        // Views selecting from a dropped view go too.
        for (bool grew = true; grew;) {
            grew = false;
            for (const auto& v : m_from.views)
                if (!drop.count(v.name) &&
                    std::any_of(v.depends_on.begin(), v.depends_on.end(), [&](const auto& d) { return drop.count(d) > 0; }))
                    grew = drop.insert(v.name).second;
        }
        auto order = views_in_order(m_from.views);
        for (auto it = order.rbegin(); it != order.rend(); ++it)
            if (drop.count((*it)->name))
                exec(m_drop_dependents,
                     std::string("DROP ") + ((*it)->materialized ? "MATERIALIZED VIEW " : "VIEW ") + q((*it)->name));
        m_dropped_views = drop;
    }

    static std::vector<const sm::view*> views_in_order(const std::vector<sm::view>& views) {
        std::vector<const sm::view*> out;
        std::set<qualified_name> done;
        std::function<void(const sm::view&)> visit = [&](const sm::view& v) {
            if (!done.insert(v.name).second) return;
            for (const auto& d : v.depends_on)
                for (const auto& w : views)
                    if (w.name == d) visit(w);
            out.push_back(&v);
        };
        for (const auto& v : views) visit(v);
        return out;
    }

    // -------------------------------------------------------- extensions, types, sequences

    /// First of all: tables and types may move into a new schema.
    void plan_namespaces() {
        auto from_ns = index_by<sm::namespace_def, std::string>(m_from.namespaces, [](const auto& n) { return n.name; });
        for (const auto& n : m_to.namespaces) {
            auto it = from_ns.find(n.name);
            if (it == from_ns.end()) exec(m_namespaces, "CREATE SCHEMA " + qi(n.name));
            if ((it == from_ns.end() && !n.comment.empty()) || (it != from_ns.end() && it->second->comment != n.comment))
                comment_on(m_namespaces, comment_target(n), n.comment);
        }
    }

    void plan_namespaces_and_types() {
        auto from_ext = index_by<sm::extension, std::string>(m_from.extensions, [](const auto& e) { return e.name; });
        for (const auto& e : m_to.extensions) {
            auto it = from_ext.find(e.name);
            if (it == from_ext.end()) {
                exec(m_types, "CREATE EXTENSION IF NOT EXISTS " + qi(e.name) + " WITH SCHEMA " + qi(e.schema) +
                                  " VERSION " + render::quote_literal(e.version));
                continue;
            }
            if (it->second->schema != e.schema) exec(m_types, "ALTER EXTENSION " + qi(e.name) + " SET SCHEMA " + qi(e.schema));
            if (it->second->version != e.version)
                exec(m_types, "ALTER EXTENSION " + qi(e.name) + " UPDATE TO " + render::quote_literal(e.version));
        }
        plan_enums();
        plan_domains();
        plan_sequences();
    }

    void plan_enums() {
        auto from_enums = index_by<sm::enum_type, qualified_name>(m_from.enums, [](const auto& e) { return e.name; });
        for (const auto& e : m_to.enums) {
            auto it = from_enums.find(e.name);
            if (it == from_enums.end()) {
                add(m_types, op::create_enum{dsl_schema(e.name.schema), e.name.name, e.values});
                if (!e.comment.empty()) comment_on(m_types, comment_target(e), e.comment);
                continue;
            }
            const auto& before = *it->second;
            if (before.comment != e.comment) comment_on(m_types, comment_target(e), e.comment);
            if (before.values == e.values) continue;
            if (needs_rebuild(before)) {
                rebuild_enum(before, e);
                continue;
            }
            // Only additions: each new value goes next to its neighbour. ALTER TYPE ... ADD VALUE
            // runs in an autocommit block, so the same revision may use the value (as a default).
            add(m_types, op::begin_autocommit{});
            for (std::size_t i = 0; i < e.values.size(); ++i) {
                if (std::find(before.values.begin(), before.values.end(), e.values[i]) != before.values.end()) continue;
                op::add_enum_value v{dsl_schema(e.name.schema), e.name.name, e.values[i], {}, {}, false};
                if (i > 0) v.after = e.values[i - 1];
                else v.before = e.values[1];
                add(m_types, std::move(v));
            }
            add(m_types, op::end_autocommit{});
        }
    }

    /// A removed or reordered value: a new type under the old name, each column converted through
    /// text (a row holding a removed value makes the conversion fail, as it should), the old type dropped.
    void rebuild_enum(const sm::enum_type& before, const sm::enum_type& after) {
        std::string old_name = before.name.name + "_old";
        exec(m_types, "ALTER TYPE " + q(before.name) + " RENAME TO " + qi(old_name),
             "values removed or reordered: PostgreSQL cannot do that in place, so the type is rebuilt "
             "(a row holding a removed value makes the conversion fail)");
        add(m_types, op::create_enum{dsl_schema(after.name.schema), after.name.name, after.values});
        for (auto& t : m_from.tables)
            for (auto& c : t.columns) {
                if (c.base_type != before.name) continue;
                if (!c.default_expr.empty()) {
                    op::alter_column drop{dsl_schema(t.name.schema), t.name.name, c.name, {}};
                    drop.options.server_default = drop_default();
                    add(m_types, std::move(drop));
                    c.default_expr.clear();  // set again below from the target
                }
                std::string target = type_display(after.name) + (c.array ? "[]" : "");
                op::alter_column change{dsl_schema(t.name.schema), t.name.name, c.name, {}};
                change.options.type = raw_type(target);
                change.options.using_expression = qi(c.name) + (c.array ? "::text[]::" : "::text::") + target;
                add(m_types, std::move(change));
            }
        exec(m_types, "DROP TYPE " + render::qualified(before.name.schema, old_name));
        for (auto& e : m_from.enums)
            if (e.name == before.name) e.values = after.values;
    }

    void plan_domains() {
        auto from_domains = index_by<sm::domain, qualified_name>(m_from.domains, [](const auto& d) { return d.name; });
        for (const auto& d : m_to.domains) {
            auto it = from_domains.find(d.name);
            if (it == from_domains.end() || it->second->base_type != d.base_type || it->second->collation != d.collation) {
                if (it != from_domains.end())
                    exec(m_types, "DROP DOMAIN " + q(d.name),
                         "the base type or collation of a domain cannot change: it is dropped and created again");
                exec(m_types, schema::create_statement(d));
                if (!d.comment.empty()) comment_on(m_types, comment_target(d), d.comment);
                continue;
            }
            const auto& b = *it->second;
            std::string alter = "ALTER DOMAIN " + q(d.name);
            if (b.default_expr != d.default_expr)
                exec(m_types, alter + (d.default_expr.empty() ? " DROP DEFAULT" : " SET DEFAULT " + d.default_expr));
            if (b.not_null != d.not_null) exec(m_types, alter + (d.not_null ? " SET NOT NULL" : " DROP NOT NULL"));
            for (const auto& c : b.checks)
                if (std::find(d.checks.begin(), d.checks.end(), c) == d.checks.end())
                    exec(m_types, alter + " DROP CONSTRAINT " + qi(c.name));
            for (const auto& c : d.checks)
                if (std::find(b.checks.begin(), b.checks.end(), c) == b.checks.end())
                    exec(m_types, alter + " ADD CONSTRAINT " + qi(c.name) + " " + c.definition);
            if (b.comment != d.comment) comment_on(m_types, comment_target(d), d.comment);
        }
    }

    static std::string sequence_alter(const sm::sequence_options& o) {
        return "AS " + o.data_type + " START WITH " + std::to_string(o.start) + " INCREMENT BY " +
               std::to_string(o.increment) + " MINVALUE " + std::to_string(o.min) + " MAXVALUE " +
               std::to_string(o.max) + " CACHE " + std::to_string(o.cache) + (o.cycle ? " CYCLE" : " NO CYCLE");
    }

    void plan_sequences() {
        auto from_seq = index_by<sm::sequence, qualified_name>(m_from.sequences, [](const auto& s) { return s.name; });
        for (const auto& s : m_to.sequences) {
            auto it = from_seq.find(s.name);
            if (it == from_seq.end()) {
                exec(m_types, schema::create_statement(s));
                if (!s.comment.empty()) comment_on(m_types, comment_target(s), s.comment);
                continue;
            }
            if (!(it->second->options == s.options)) exec(m_types, "ALTER SEQUENCE " + q(s.name) + " " + sequence_alter(s.options));
            if (it->second->comment != s.comment) comment_on(m_types, comment_target(s), s.comment);
        }
    }

    /// OWNED BY, once the owning columns exist (after the tables).
    void plan_sequence_owners() {
        auto from_seq = index_by<sm::sequence, qualified_name>(m_from.sequences, [](const auto& s) { return s.name; });
        for (const auto& s : m_to.sequences) {
            auto it = from_seq.find(s.name);
            std::string before = it == from_seq.end() ? "" : it->second->owned_by;
            if (before == s.owned_by) continue;
            std::string owner = "NONE";
            if (!s.owned_by.empty()) {
                auto first = s.owned_by.find('.'), second = s.owned_by.find('.', first + 1);
                owner = render::qualified(s.owned_by.substr(0, first), s.owned_by.substr(first + 1, second - first - 1)) +
                        "." + qi(s.owned_by.substr(second + 1));
            }
            exec(m_tables, "ALTER SEQUENCE " + q(s.name) + " OWNED BY " + owner);
        }
    }

    // -------------------------------------------------------- tables and columns

    static int depth(const sm::table& t) { return t.partition_of || !t.inherits.empty() ? 1 : 0; }

    void plan_tables() {
        // Partitions and children go before their parents, and come after them.
        std::vector<const sm::table*> removed, added;
        for (const auto& t : m_from.tables)
            if (!to_table(t.name)) removed.push_back(&t);
        for (const auto& t : m_to.tables)
            if (!from_table(t.name)) added.push_back(&t);
        std::stable_sort(removed.begin(), removed.end(), [](auto* a, auto* b) { return depth(*a) > depth(*b); });
        std::stable_sort(added.begin(), added.end(), [](auto* a, auto* b) { return depth(*a) < depth(*b); });
        for (const auto* t : removed) add(m_tables, op::drop_table{dsl_schema(t->name.schema), t->name.name, false, false});
        for (const auto& t : m_from.tables)
            if (const auto* after = to_table(t.name)) plan_columns(t, *after);
        for (const auto* t : added) create_table(*t);
        plan_sequence_owners();
    }

    void create_table(const sm::table& t) {
        if (dsl_table_ok(t)) {
            op::create_table o;
            o.schema = dsl_schema(t.name.schema);
            o.name = t.name.name;
            for (const auto& c : t.columns) o.columns.push_back(dsl_column(c, m_to));
            o.comment = t.comment;
            add(m_tables, std::move(o));
        } else {
            exec(m_tables, schema::create_statement(t));
            if (!t.comment.empty()) add(m_tables, op::table_comment{dsl_schema(t.name.schema), t.name.name, t.comment});
            if (!t.partition_of)
                for (const auto& c : t.columns)
                    if (!c.comment.empty()) column_comment(t, c);
        }
        if (t.row_security) exec(m_tables, "ALTER TABLE " + q(t.name) + " ENABLE ROW LEVEL SECURITY");
        if (t.force_row_security) exec(m_tables, "ALTER TABLE " + q(t.name) + " FORCE ROW LEVEL SECURITY");
    }

    void column_comment(const sm::table& t, const sm::column& c) {
        op::alter_column o{dsl_schema(t.name.schema), t.name.name, c.name, {}};
        if (c.comment.empty()) o.options.drop_comment = true;
        else o.options.comment = c.comment;
        add(m_tables, std::move(o));
    }

    void add_column(const sm::table& t, const sm::column& c, std::string comment = {}) {
        if (dsl_column_ok(c)) {
            add(m_tables, op::add_column{dsl_schema(t.name.schema), t.name.name, dsl_column(c, m_to), false},
                std::move(comment));
        } else {
            exec(m_tables, "ALTER TABLE " + q(t.name) + " ADD COLUMN " + schema::column_definition(c), std::move(comment));
            if (!c.comment.empty()) column_comment(t, c);
        }
    }

    void plan_columns(const sm::table& before, const sm::table& after) {
        std::string table_sql = "ALTER TABLE " + q(after.name);
        if (before.unlogged != after.unlogged) exec(m_tables, table_sql + (after.unlogged ? " SET UNLOGGED" : " SET LOGGED"));
        if (before.row_security != after.row_security)
            exec(m_tables, table_sql + (after.row_security ? " ENABLE" : " DISABLE") + " ROW LEVEL SECURITY");
        if (before.force_row_security != after.force_row_security)
            exec(m_tables, table_sql + (after.force_row_security ? " FORCE" : " NO FORCE") + " ROW LEVEL SECURITY");
        if (before.comment != after.comment)
            add(m_tables, op::table_comment{dsl_schema(after.name.schema), after.name.name, after.comment});
        // A partition's columns are its parent's: they change with the parent.
        if (after.partition_of) return;
        auto find = [](const sm::table& t, const std::string& name) -> const sm::column* {
            for (const auto& c : t.columns)
                if (c.name == name) return &c;
            return nullptr;
        };
        std::vector<const sm::column*> dropped, added;
        for (const auto& c : before.columns)
            if (!find(after, c.name)) dropped.push_back(&c);
        for (const auto& c : after.columns)
            if (!find(before, c.name)) added.push_back(&c);
        for (const auto* c : dropped) {
            std::string hint;
            for (const auto* a : added)
                if (a->type == c->type)
                    hint = "if " + c->name + " was renamed to " + a->name + ", replace this drop and the add below with "
                           "op.alter_column(\"" + after.name.name + "\", \"" + c->name + "\", {.new_column_name = \"" +
                           a->name + "\"}) to keep the data";
            add(m_tables, op::drop_column{dsl_schema(after.name.schema), after.name.name, c->name, false, false}, hint);
        }
        for (const auto& c : before.columns)
            if (const auto* a = find(after, c.name)) alter_column(after, c, *a);
        for (const auto* a : added) add_column(after, *a);
    }

    void alter_column(const sm::table& t, const sm::column& b, const sm::column& a) {
        if (b.generated != a.generated || (b.generated.empty() != a.generated.empty())) {
            add(m_tables, op::drop_column{dsl_schema(t.name.schema), t.name.name, b.name, false, false},
                "a generation expression cannot change in place: the column is dropped and added again");
            add_column(t, a);
            return;
        }
        auto alter = [&] { return op::alter_column{dsl_schema(t.name.schema), t.name.name, a.name, {}}; };
        std::string column_sql = "ALTER TABLE " + q(t.name) + " ALTER COLUMN " + qi(a.name);
        if (b.identity_spec && !(b.identity_spec == a.identity_spec)) exec(m_tables, column_sql + " DROP IDENTITY");
        bool type_changes = b.type != a.type || b.collation != a.collation;
        if (type_changes) {
            if (!b.default_expr.empty()) {
                auto o = alter();
                o.options.server_default = drop_default();
                add(m_tables, std::move(o));
            }
            auto o = alter();
            o.options.type = column_type(a, m_to);
            if (b.base_type != a.base_type || b.array != a.array) o.options.using_expression = qi(a.name) + "::" + a.type;
            add(m_tables, std::move(o));
        }
        if (b.not_null != a.not_null && !(a.identity_spec && !b.identity_spec)) {
            auto o = alter();
            o.options.nullable = a.not_null ? 0 : 1;
            add(m_tables, std::move(o));
        }
        if (b.default_expr != a.default_expr || (type_changes && !b.default_expr.empty())) {
            if (!a.default_expr.empty() || !type_changes) {
                auto o = alter();
                o.options.server_default = a.default_expr.empty() ? drop_default() : default_change(sql(a.default_expr));
                add(m_tables, std::move(o));
            }
        }
        if (a.identity_spec && !(b.identity_spec == a.identity_spec)) {
            auto clauses = schema::sequence_option_clauses(a.identity_spec->options, false);
            exec(m_tables, column_sql + " ADD GENERATED " + (a.identity_spec->always ? "ALWAYS" : "BY DEFAULT") +
                               " AS IDENTITY" + (clauses.empty() ? "" : " (" + clauses + ")"));
        }
        if (b.comment != a.comment) column_comment(t, a);
    }

    // -------------------------------------------------------- functions, keys, indexes, views, triggers, policies

    void plan_functions() {
        auto from_functions = index_by<sm::function, std::string>(m_from.functions, [](const auto& f) { return f.signature(); });
        for (const auto& f : m_to.functions) {
            auto it = from_functions.find(f.signature());
            if (it == from_functions.end() || it->second->definition != f.definition) {
                std::string text = f.definition;
                while (!text.empty() && (text.back() == '\n' || text.back() == ';')) text.pop_back();
                exec(m_functions, text);
            }
            if ((it == from_functions.end() && !f.comment.empty()) ||
                (it != from_functions.end() && it->second->comment != f.comment))
                comment_on(m_functions, comment_target(f), f.comment);
        }
    }

    void add_constraint(const sm::constraint& c) {
        std::string schema = dsl_schema(c.table.schema);
        std::string initially = c.deferrable ? (c.initially_deferred ? "DEFERRED" : "IMMEDIATE") : "";
        if (c.deferrable && !c.initially_deferred) initially.clear();
        switch (c.type) {
        case sm::constraint_type::primary_key:
            if (!c.deferrable) {
                add(m_keys, op::add_constraint{schema, c.table.name, PrimaryKeyConstraint(c.columns, c.name), false, {}, false});
                return;
            }
            break;
        case sm::constraint_type::unique:
            if (!c.nulls_not_distinct) {
                Constraint u = UniqueConstraint(c.columns, c.name);
                u.fk.deferrable = c.deferrable;
                u.fk.initially = initially;
                add(m_keys, op::add_constraint{schema, c.table.name, std::move(u), false, {}, false});
                return;
            }
            break;
        case sm::constraint_type::check:
            if (!c.no_inherit && !c.deferrable) {
                std::string expression = c.expression;
                add(m_keys, op::add_constraint{schema, c.table.name, CheckConstraint(expression, c.name), !c.validated, {}, false});
                return;
            }
            break;
        case sm::constraint_type::foreign_key:
            if (c.match != "PARTIAL") {
                foreign_key_options o;
                if (c.on_delete != "NO ACTION") o.ondelete = c.on_delete;
                if (c.on_update != "NO ACTION") o.onupdate = c.on_update;
                o.deferrable = c.deferrable;
                o.initially = initially;
                if (c.match != "SIMPLE") o.match = c.match;
                o.referent_schema = dsl_schema(c.references.schema);
                add(m_keys, op::add_constraint{schema, c.table.name,
                                               ForeignKeyConstraint(c.columns, c.references.name, c.referenced_columns,
                                                                    c.name, o),
                                               !c.validated, {}, false});
                return;
            }
            break;
        case sm::constraint_type::exclusion: break;
        }
        exec(m_keys, "ALTER TABLE " + q(c.table) + " ADD CONSTRAINT " + qi(c.name) + " " + c.definition);
    }

    void add_index(const sm::index& i) {
        if (!dsl_index_ok(i)) {
            exec(m_keys, schema::create_statement(i));
            return;
        }
        op::create_index o;
        o.schema = dsl_schema(i.table.schema);
        o.name = i.name.name;
        o.table = i.table.name;
        for (const auto& k : i.keys) o.columns.push_back(k.column.empty() ? k.expression : k.column);
        o.options.unique = i.unique;
        o.options.where = i.predicate;
        if (i.method != "btree") o.options.method = i.method;
        o.options.include = i.include;
        add(m_keys, std::move(o));
    }

    void plan_keys_and_indexes() {
        auto from_constraints = index_by<sm::constraint, std::pair<qualified_name, std::string>>(
            m_from.constraints, [](const sm::constraint& c) { return std::make_pair(c.table, c.name); });
        for (bool foreign : {false, true})
            for (const auto& c : m_to.constraints) {
                if ((c.type == sm::constraint_type::foreign_key) != foreign) continue;
                auto it = from_constraints.find({c.table, c.name});
                bool create = it == from_constraints.end() || m_dropped_constraints.count(c.table.text() + "." + c.name);
                if (create) add_constraint(c);
                if ((create && !c.comment.empty()) || (!create && it->second->comment != c.comment))
                    comment_on(m_keys, comment_target(c), c.comment);
            }
        auto from_indexes = index_by<sm::index, qualified_name>(m_from.indexes, [](const sm::index& i) { return i.name; });
        for (const auto& i : m_to.indexes) {
            if (is_view(m_to, i.table)) continue;  // after its materialized view
            plan_index(i, from_indexes);
        }
    }

    static bool is_view(const sm::schema& s, const qualified_name& n) {
        return std::any_of(s.views.begin(), s.views.end(), [&](const sm::view& v) { return v.name == n; });
    }

    void plan_index(const sm::index& i, const std::map<qualified_name, const sm::index*>& from_indexes) {
        auto it = from_indexes.find(i.name);
        bool create = it == from_indexes.end() || m_dropped_indexes.count(i.name.text());
        if (create) add_index(i);
        if ((create && !i.comment.empty()) || (!create && it->second->comment != i.comment))
            comment_on(m_keys, comment_target(i), i.comment);
    }

    void plan_dependents() {
        auto from_views = index_by<sm::view, qualified_name>(m_from.views, [](const sm::view& v) { return v.name; });
        for (const auto* v : views_in_order(m_to.views)) {
            auto it = from_views.find(v->name);
            bool create = it == from_views.end() || m_dropped_views.count(v->name);
            if (create) exec(m_dependents, schema::create_statement(*v));
            if ((create && !v->comment.empty()) || (!create && it->second->comment != v->comment))
                comment_on(m_dependents, comment_target(*v), v->comment);
        }
        auto from_indexes = index_by<sm::index, qualified_name>(m_from.indexes, [](const sm::index& i) { return i.name; });
        for (const auto& i : m_to.indexes) {
            if (!is_view(m_to, i.table)) continue;
            std::size_t before = m_keys.size();
            plan_index(i, from_indexes);
            for (std::size_t k = before; k < m_keys.size(); ++k) m_dependents.push_back(std::move(m_keys[k]));
            m_keys.resize(before);
        }
        auto from_triggers = index_by<sm::trigger, std::pair<qualified_name, std::string>>(
            m_from.triggers, [](const sm::trigger& t) { return std::make_pair(t.table, t.name); });
        for (const auto& t : m_to.triggers) {
            auto it = from_triggers.find({t.table, t.name});
            bool create = it == from_triggers.end() || it->second->definition != t.definition;
            if (create) exec(m_dependents, t.definition);
            auto state = schema::trigger_state_statement(t);
            if (create ? !state.empty() : it->second->enabled != t.enabled)
                exec(m_dependents, state.empty() ? "ALTER TABLE " + q(t.table) + " ENABLE TRIGGER " + qi(t.name) : state);
            if ((create && !t.comment.empty()) || (!create && it->second->comment != t.comment))
                comment_on(m_dependents, comment_target(t), t.comment);
        }
        auto from_policies = index_by<sm::policy, std::pair<qualified_name, std::string>>(
            m_from.policies, [](const sm::policy& p) { return std::make_pair(p.table, p.name); });
        for (const auto& p : m_to.policies) {
            auto it = from_policies.find({p.table, p.name});
            bool create = it == from_policies.end() || !same_except_comment(*it->second, p);
            if (create) exec(m_dependents, schema::create_statement(p));
            if ((create && !p.comment.empty()) || (!create && it->second->comment != p.comment))
                comment_on(m_dependents, comment_target(p), p.comment);
        }
    }

    // -------------------------------------------------------- dropped last, in reverse

    void plan_dropped_last() {
        auto to_functions = index_by<sm::function, std::string>(m_to.functions, [](const auto& f) { return f.signature(); });
        for (const auto& f : m_from.functions)
            if (!to_functions.count(f.signature()))
                exec(m_drop_last, std::string(f.procedure ? "DROP PROCEDURE " : "DROP FUNCTION ") + q(f.name) + "(" +
                                      f.arguments + ")");
        auto to_seq = index_by<sm::sequence, qualified_name>(m_to.sequences, [](const auto& s) { return s.name; });
        for (const auto& s : m_from.sequences)
            if (!to_seq.count(s.name))
                exec(m_drop_last, "DROP SEQUENCE IF EXISTS " + q(s.name),
                     s.owned_by.empty() ? "" : "owned by " + s.owned_by + ": gone already if that column went");
        auto to_domains = index_by<sm::domain, qualified_name>(m_to.domains, [](const auto& d) { return d.name; });
        for (const auto& d : m_from.domains)
            if (!to_domains.count(d.name)) exec(m_drop_last, "DROP DOMAIN " + q(d.name));
        for (const auto& e : m_from.enums)
            if (!to_enum(e.name)) add(m_drop_last, op::drop_enum{dsl_schema(e.name.schema), e.name.name, false, false});
        auto to_ext = index_by<sm::extension, std::string>(m_to.extensions, [](const auto& e) { return e.name; });
        for (const auto& e : m_from.extensions)
            if (!to_ext.count(e.name)) exec(m_drop_last, "DROP EXTENSION " + qi(e.name));
        auto to_ns = index_by<sm::namespace_def, std::string>(m_to.namespaces, [](const auto& n) { return n.name; });
        for (const auto& n : m_from.namespaces)
            if (!to_ns.count(n.name)) exec(m_drop_last, "DROP SCHEMA " + qi(n.name));
    }
};

std::string comment_lines(const std::string& indent, const std::string& text) {
    std::string out;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        out += indent + "// " + text.substr(start, end - start) + "\n";
        start = end + 1;
    }
    return out;
}

}  // namespace

std::vector<planned_operation> plan_operations(const schema::schema& from, const schema::schema& to) {
    return planner(from, to).run();
}

generated_revision generate(const schema::schema& head, const schema::schema& target) {
    return {plan_operations(head, target), plan_operations(target, head)};
}

std::vector<op::operation> operations_of(const std::vector<planned_operation>& planned) {
    std::vector<op::operation> out;
    out.reserve(planned.size());
    for (const auto& p : planned) out.push_back(p.operation);
    return out;
}

std::string body_source(const std::vector<planned_operation>& planned) {
    const std::string indent = "    ";
    std::string out = indent + "// ### written by runner autogenerate - please review and adjust! ###\n";
    // Printed one operation at a time so each comment sits above its call; autocommit blocks
    // are printed whole, since their braces span several operations.
    std::vector<op::operation> run;
    std::string pending_indent = indent;
    for (std::size_t i = 0; i < planned.size(); ++i) {
        const auto& p = planned[i];
        if (std::holds_alternative<op::begin_autocommit>(p.operation)) {
            std::size_t end = i;
            while (end < planned.size() && !std::holds_alternative<op::end_autocommit>(planned[end].operation)) ++end;
            std::vector<op::operation> block;
            for (std::size_t k = i; k <= end && k < planned.size(); ++k) block.push_back(planned[k].operation);
            out += dsl_source(block, indent);
            i = end;
            continue;
        }
        if (!p.comment.empty()) out += comment_lines(indent, p.comment);
        out += dsl_source({p.operation}, indent);
    }
    if (planned.empty()) out += indent + "// nothing to do: the schemas are equal\n";
    out += indent + "// ### end of the written operations ###\n";
    return out;
}

}  // namespace retort::autogen
