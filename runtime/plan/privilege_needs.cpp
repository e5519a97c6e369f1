#include "plan/privilege_needs.hpp"

#include "plan/migrate.hpp"
#include "render/postgres.hpp"
#include "render/quoting.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace retort::plan {

namespace {

using kind_t = privilege_need::kind_t;

/// "s.t" -> {s, t}; "t" -> {"", t}: enum type names and foreign-key targets may carry a schema.
std::pair<std::string, std::string> split_dotted(const std::string& name) {
    auto dot = name.rfind('.');
    if (dot == std::string::npos) return {"", name};
    return {name.substr(0, dot), name.substr(dot + 1)};
}

/// The table of a "table.column" or "schema.table.column" foreign-key target.
std::pair<std::string, std::string> target_table(const std::string& target) {
    return split_dotted(target.substr(0, target.rfind('.')));
}

std::string first_line(std::string sql) {
    auto nl = sql.find('\n');
    if (nl != std::string::npos) sql = sql.substr(0, nl) + " …";
    return sql;
}

std::string upper_words(const std::string& sql, std::size_t count) {
    std::istringstream in(sql);
    std::string word, out;
    for (std::size_t i = 0; i < count && in >> word; ++i) {
        for (auto& c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        out += (out.empty() ? "" : " ") + word;
    }
    return out;
}

}  // namespace

bool privilege_collector::created_here(const std::string& kind, const std::string& schema,
                                       const std::string& name) const {
    return std::any_of(m_created.begin(), m_created.end(), [&](const object& o) {
        return o.kind == kind && o.name == name && (o.schema == schema || o.schema.empty() || schema.empty());
    });
}

void privilege_collector::created(const std::string& kind, const std::string& schema, const std::string& name) {
    m_created.push_back({kind, schema, name});
}

void privilege_collector::need(kind_t k, const std::string& kind, const std::string& schema, const std::string& name) {
    // A schema the plan created is the role's own.
    if (k == kind_t::create_in_schema && !schema.empty() && created_here("schema", "", schema)) return;
    m_out.needs.push_back({k, kind, schema, name, m_revision, m_statement});
}

void privilege_collector::own(const std::string& kind, const std::string& schema, const std::string& name) {
    if (!created_here(kind, schema, name)) need(kind_t::ownership, kind, schema, name);
}

void privilege_collector::add(const std::string& revision, const std::vector<op::operation>& operations) {
    m_revision = revision;
    for (const auto& operation : operations) {
        auto statements = render::render(operation);
        m_statement = statements.empty() ? std::string() : first_line(render::offline_text(statements.front()));
        std::visit(
            [&](const auto& o) {
                using T = std::decay_t<decltype(o)>;
                auto references = [&](const std::string& schema, const std::string& table) {
                    if (!created_here("table", schema, table)) need(kind_t::references, "table", schema, table);
                };
                auto column_needs = [&](const Column& c) {
                    if (!c.foreign_key_target.empty()) {
                        auto [schema, table] = target_table(c.foreign_key_target);
                        references(c.foreign_key_opts.referent_schema.empty() ? schema
                                                                              : c.foreign_key_opts.referent_schema,
                                   table);
                    }
                };
                if constexpr (std::is_same_v<T, op::create_table>) {
                    need(kind_t::create_in_schema, "schema", o.schema, "");
                    for (const auto& c : o.columns) {
                        if (c.type.kind == type_kind::enumeration && !c.type.enum_values.empty()) {
                            auto [schema, name] = split_dotted(c.type.name);
                            if (!created_here("type", schema, name)) {
                                need(kind_t::create_in_schema, "schema", schema, "");
                                created("type", schema, name);
                            }
                        }
                        column_needs(c);
                    }
                    for (const auto& k : o.constraints)
                        if (k.kind == constraint_kind::foreign_key) references(k.fk.referent_schema, k.referent_table);
                    created("table", o.schema, o.name);
                } else if constexpr (std::is_same_v<T, op::drop_table>) {
                    own("table", o.schema, o.name);
                } else if constexpr (std::is_same_v<T, op::rename_table>) {
                    own("table", o.schema, o.old_name);
                    if (created_here("table", o.schema, o.old_name)) created("table", o.schema, o.new_name);
                } else if constexpr (std::is_same_v<T, op::table_comment>) {
                    own("table", o.schema, o.table);
                } else if constexpr (std::is_same_v<T, op::add_column>) {
                    own("table", o.schema, o.table);
                    column_needs(o.column);
                } else if constexpr (std::is_same_v<T, op::drop_column> || std::is_same_v<T, op::alter_column> ||
                                     std::is_same_v<T, op::add_exclude_constraint> ||
                                     std::is_same_v<T, op::validate_constraint> ||
                                     std::is_same_v<T, op::drop_constraint>) {
                    own("table", o.schema, o.table);
                } else if constexpr (std::is_same_v<T, op::create_enum>) {
                    need(kind_t::create_in_schema, "schema", o.schema, "");
                    created("type", o.schema, o.name);
                } else if constexpr (std::is_same_v<T, op::drop_enum> || std::is_same_v<T, op::add_enum_value>) {
                    own("type", o.schema, o.name);
                } else if constexpr (std::is_same_v<T, op::create_index>) {
                    own("table", o.schema, o.table);
                    need(kind_t::create_in_schema, "schema", o.schema, "");
                    created("index", o.schema, o.name);
                } else if constexpr (std::is_same_v<T, op::drop_index>) {
                    own("index", o.schema, o.name);
                } else if constexpr (std::is_same_v<T, op::add_constraint>) {
                    own("table", o.schema, o.table);
                    if (o.concurrently) {  // the recipe builds its unique index first
                        need(kind_t::create_in_schema, "schema", o.schema, "");
                        created("index", o.schema, o.constraint.name);
                    }
                    if (o.constraint.kind == constraint_kind::foreign_key)
                        references(o.constraint.fk.referent_schema, o.constraint.referent_table);
                } else if constexpr (std::is_same_v<T, op::set_not_null>) {
                    own("table", o.schema, o.table);
                } else if constexpr (std::is_same_v<T, op::backfill>) {
                    if (!created_here("table", o.schema, o.table)) need(kind_t::update, "table", o.schema, o.table);
                } else if constexpr (std::is_same_v<T, op::bulk_insert>) {
                    if (!created_here("table", o.schema, o.table)) need(kind_t::insert, "table", o.schema, o.table);
                } else if constexpr (std::is_same_v<T, op::execute>) {
                    // Only CREATE SCHEMA names its object for certain from its first words.
                    if (upper_words(o.sql, 2) == "CREATE SCHEMA") {
                        need(kind_t::create_in_database, "database", "", "");
                        std::istringstream in(o.sql);
                        std::string create, schema, name;
                        in >> create >> schema >> name;
                        if (!name.empty() && name.back() == ';') name.pop_back();
                        created("schema", "", name);
                    } else {
                        m_out.unchecked.push_back({m_revision, first_line(o.sql)});
                    }
                } else if constexpr (std::is_same_v<T, op::run_code>) {
                    m_out.unchecked.push_back({m_revision, "op.run_code(...)"});
                }
            },
            operation);
    }
}

privilege_needs plan_privilege_needs(const graph::revision_graph& g, const std::vector<const revision_body*>& bodies,
                                     const std::vector<step>& steps) {
    privilege_collector c;
    for (const auto& s : steps) {
        c.add(g[s.revision].id, record_step(g, *bodies.at(s.revision), s).operations);
    }
    return c.result();
}

}  // namespace retort::plan
