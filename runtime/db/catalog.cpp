#include "db/catalog.hpp"

#include "core/errors.hpp"
#include "core/text.hpp"
#include "db/session.hpp"

#include <pqxx/pqxx>

#include <algorithm>
#include <iterator>

namespace retort::db {

namespace {
// $1: relation names to leave out. Relations are named schema.name; facts of a relation carry it.
constexpr const char* snapshot_sql = R"SQL(
WITH rel AS (
    SELECT c.oid, c.relkind, n.nspname || '.' || c.relname AS name
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
      AND n.nspname NOT LIKE 'pg\_temp%' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
      AND NOT (c.relname = ANY ($1::text[]))
)
SELECT line FROM (
    SELECT 'schema ' || nspname AS line FROM pg_namespace
    WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'public') AND nspname NOT LIKE 'pg\_%'
  UNION ALL
    SELECT 'relation ' || name || ' kind ' || relkind::text FROM rel
  UNION ALL
    SELECT 'column ' || rel.name || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
        || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
        || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
        || CASE WHEN a.attidentity <> '' THEN ' identity ' || a.attidentity::text ELSE '' END
    FROM rel JOIN pg_attribute a ON a.attrelid = rel.oid
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE a.attnum > 0 AND NOT a.attisdropped AND rel.relkind <> 'S'
  UNION ALL
    SELECT 'constraint ' || rel.name || '.' || co.conname || ' ' || pg_get_constraintdef(co.oid)
    FROM rel JOIN pg_constraint co ON co.conrelid = rel.oid
  UNION ALL
    SELECT 'index ' || pg_get_indexdef(i.indexrelid) FROM rel JOIN pg_index i ON i.indrelid = rel.oid
  UNION ALL
    SELECT 'type ' || n.nspname || '.' || t.typname || ' ' || t.typtype::text || ' '
        || coalesce((SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e
                     WHERE e.enumtypid = t.oid), format_type(t.typbasetype, t.typtypmod))
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE t.typtype IN ('e', 'd') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
) facts ORDER BY line
)SQL";

std::string text_array(const std::vector<std::string>& items) {
    std::string out = "{";
    for (const auto& i : items) {
        out += (out.size() > 1 ? "," : "") + std::string("\"");
        for (char c : i) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        out += '"';
    }
    return out + "}";
}
}  // namespace

std::vector<std::string> schema_snapshot(session& s, const std::vector<std::string>& skip_tables) {
    try {
        pqxx::read_transaction tx(s.native());
        std::vector<std::string> lines;
        for (const auto& row : tx.exec_params(snapshot_sql, text_array(skip_tables))) lines.push_back(row[0].c_str());
        std::sort(lines.begin(), lines.end());  // byte order, whatever the server's collation
        return lines;
    } catch (const pqxx::sql_error& e) {
        throw database_error("cannot read the schema from the catalog: " + one_line(e.what()), e.sqlstate());
    }
}

std::vector<std::string> snapshot_diff(const std::vector<std::string>& before, const std::vector<std::string>& after) {
    std::vector<std::string> gone, added, out;
    std::set_difference(before.begin(), before.end(), after.begin(), after.end(), std::back_inserter(gone));
    std::set_difference(after.begin(), after.end(), before.begin(), before.end(), std::back_inserter(added));
    for (const auto& g : gone) out.push_back("- " + g);
    for (const auto& a : added) out.push_back("+ " + a);
    return out;
}

}  // namespace retort::db
