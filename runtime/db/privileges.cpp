#include "db/privileges.hpp"

#include "core/errors.hpp"
#include "core/text.hpp"
#include "db/session.hpp"
#include "render/quoting.hpp"

#include <pqxx/pqxx>

namespace retort::db {

namespace {

using kind_t = plan::privilege_need::kind_t;

/// Each query answers (object as the catalog names it, owner, allowed) or no row when the object
/// does not exist.
const char* query_for(const plan::privilege_need& n) {
    switch (n.kind) {
    case kind_t::create_in_schema:
        return "SELECT nspname::text, pg_get_userbyid(nspowner)::text, has_schema_privilege(oid, 'CREATE') "
               "FROM pg_namespace WHERE nspname = coalesce(nullif($1, ''), current_schema())";
    case kind_t::create_in_database:
        return "SELECT datname::text, pg_get_userbyid(datdba)::text, has_database_privilege(oid, 'CREATE') "
               "FROM pg_database WHERE datname = current_database() AND $1 = $1";
    case kind_t::ownership:
        if (n.object_kind == "type")
            return "SELECT t.oid::regtype::text, pg_get_userbyid(t.typowner)::text, pg_has_role(t.typowner, 'USAGE') "
                   "FROM pg_type t WHERE t.oid = to_regtype($1)";
        return "SELECT c.oid::regclass::text, pg_get_userbyid(c.relowner)::text, pg_has_role(c.relowner, 'USAGE') "
               "FROM pg_class c WHERE c.oid = to_regclass($1)";
    case kind_t::references:
        return "SELECT c.oid::regclass::text, pg_get_userbyid(c.relowner)::text, "
               "has_any_column_privilege(c.oid, 'REFERENCES') FROM pg_class c WHERE c.oid = to_regclass($1)";
    case kind_t::insert:
        return "SELECT c.oid::regclass::text, pg_get_userbyid(c.relowner)::text, has_table_privilege(c.oid, 'INSERT') "
               "FROM pg_class c WHERE c.oid = to_regclass($1)";
    case kind_t::update:  // op.backfill's UPDATE reads the rows it changes, too
        return "SELECT c.oid::regclass::text, pg_get_userbyid(c.relowner)::text, "
               "has_table_privilege(c.oid, 'UPDATE') AND has_table_privilege(c.oid, 'SELECT') "
               "FROM pg_class c WHERE c.oid = to_regclass($1)";
    }
    return "";
}

std::string argument_for(const plan::privilege_need& n) {
    if (n.kind == kind_t::create_in_schema) return n.schema;
    if (n.kind == kind_t::create_in_database) return "";
    return render::qualified(n.schema, n.name);
}

}  // namespace

privilege_report missing_privileges(session& s, const plan::privilege_needs& needs,
                                     const render::version_table& table) {
    privilege_report report;
    auto& out = report.missing;
    try {
        pqxx::read_transaction tx(s.native());
        auto check = [&](const plan::privilege_need& n) {
            auto rows = tx.exec_params(query_for(n), argument_for(n));
            if (rows.empty() || rows[0][2].as<bool>()) return;
            out.push_back({n, rows[0][0].c_str(), rows[0][1].c_str()});
        };
        report.role = tx.exec1("SELECT current_user::text")[0].c_str();
        // The runner's own tables come first: without them nothing is recorded.
        auto version_missing = tx.exec_params1("SELECT to_regclass($1) IS NULL OR to_regclass($2) IS NULL",
                                               table.qualified_name(),
                                               render::qualified(table.schema, "retort_history"))[0]
                                   .as<bool>();
        if (version_missing)
            check({kind_t::create_in_schema, "schema", table.schema, "", "", "CREATE TABLE " + table.qualified_name()});
        for (const auto& n : needs.needs) check(n);
    } catch (const pqxx::sql_error& e) {
        throw database_error("cannot check the role's privileges: " + one_line(e.what()), e.sqlstate());
    }
    return report;
}

std::string describe(const missing_privilege& m) {
    std::string what;
    switch (m.need.kind) {
    case kind_t::create_in_schema: what = "needs CREATE on schema " + m.object; break;
    case kind_t::create_in_database: what = "needs CREATE on database " + m.object; break;
    case kind_t::ownership: what = "must own " + m.need.object_kind + " " + m.object + " (owner: " + m.owner + ")"; break;
    case kind_t::references: what = "needs REFERENCES on table " + m.object; break;
    case kind_t::insert: what = "needs INSERT on table " + m.object; break;
    case kind_t::update: what = "needs UPDATE and SELECT on table " + m.object; break;
    }
    std::string where = m.need.revision.empty() ? std::string("version table") : "revision " + m.need.revision;
    return where + ": " + m.need.statement + ": " + what;
}

}  // namespace retort::db
