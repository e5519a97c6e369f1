#include "fleet/known_versions.hpp"

#include "render/quoting.hpp"

#include <pqxx/pqxx>

#include <algorithm>

namespace retort::fleet {

namespace {

/// Schemas a query: a statement of this size stays well under the server's limits.
constexpr std::size_t schemas_per_query = 500;

/// Rows of `table` in each of `schemas` (all of which exist): one UNION ALL query. A schema
/// without the table is at base, which the caller knows from the catalog query.
void read_chunk(pqxx::nontransaction& tx, const std::vector<std::string>& schemas, const std::string& table,
                std::map<std::string, std::vector<std::string>>& rows) {
    std::string sql;
    for (const auto& s : schemas) {
        if (!sql.empty()) sql += "\nUNION ALL ";
        sql += "SELECT " + render::quote_literal(s) + ", version_num::text FROM " + render::quote_identifier(s) +
               "." + render::quote_identifier(table);
    }
    for (const auto& row : tx.exec(sql + "\nORDER BY 1, 2")) rows[row[0].c_str()].push_back(row[1].c_str());
}

/// Rows a schema of `group` on one database; throws on any error (the caller then leaves the
/// group to the targets themselves).
std::map<std::string, std::vector<std::string>> read_group(const std::string& conninfo,
                                                           const std::vector<std::string>& schemas,
                                                           const std::string& table, const db::open_options& how) {
    db::open_options read = how;
    read.lock = false;
    read.search_path.clear();  // every name below is qualified
    auto c = db::open({conninfo, {}}, read);
    pqxx::nontransaction tx(c.db->native());
    // Which of them have the table at all (a tenant schema not yet migrated has none).
    std::string names;
    for (const auto& s : schemas) names += (names.empty() ? "" : ", ") + render::quote_literal(s);
    std::vector<std::string> with_table;
    for (const auto& row : tx.exec("SELECT n.nspname FROM pg_namespace n JOIN pg_class c ON c.relnamespace = n.oid "
                                   "WHERE c.relkind IN ('r', 'p') AND c.relname = " + render::quote_literal(table) +
                                   " AND n.nspname IN (" + names + ")"))
        with_table.push_back(row[0].c_str());
    std::map<std::string, std::vector<std::string>> rows;
    for (std::size_t i = 0; i < with_table.size(); i += schemas_per_query) {
        std::vector<std::string> chunk(with_table.begin() + static_cast<std::ptrdiff_t>(i),
                                       with_table.begin() +
                                           static_cast<std::ptrdiff_t>(std::min(with_table.size(), i + schemas_per_query)));
        read_chunk(tx, chunk, table, rows);
    }
    for (const auto& s : schemas) rows[s];  // a schema without the table: at base
    return rows;
}

}  // namespace

known_versions read_schema_versions(const std::vector<target>& targets, const std::string& table,
                                    const db::open_options& how) {
    std::map<std::string, std::vector<const target*>> groups;
    for (const auto& t : targets)
        if (!t.schema.empty()) groups[t.conninfo].push_back(&t);
    known_versions out;
    for (const auto& [conninfo, members] : groups) {
        if (members.size() < 2) continue;  // one schema: its own connection costs the same
        std::vector<std::string> schemas;
        for (const auto* t : members) schemas.push_back(t->schema);
        try {
            auto rows = read_group(conninfo, schemas, table, how);
            for (const auto* t : members) out[t->name] = rows[t->schema];
        } catch (const std::exception&) {
            // Unreachable, a missing privilege, anything: each target reads (and reports) its own.
        }
    }
    return out;
}

}  // namespace retort::fleet
