#include "db/open.hpp"

#include "core/errors.hpp"
#include "core/text.hpp"
#include "db/connect.hpp"
#include "db/lock.hpp"

#include <pqxx/pqxx>

namespace retort::db {

opened open(const target& t, const open_options& o) {
    opened out;
    out.table = t.table;
    out.db = std::make_unique<session>(t.conninfo);
    prepare_connection(*out.db, {o.role, o.search_path});
    // Only the lock needs to know where the version table resolves: a read (a fleet's at-goal
    // check above all) is one connection and the settings, then its own query.
    if (o.lock) take_lock(out, t, o);
    return out;
}

void take_lock(opened& c, const target& t, const open_options& o) {
    if (c.locked) return;
    try {
        // Where an unqualified version table resolves once role and search path apply; 'public'
        // when the search path names no existing schema (as runners before db::open keyed it).
        pqxx::nontransaction tx(c.db->native());
        auto row = tx.exec_params1("SELECT current_database(), coalesce(nullif($1, ''), current_schema(), 'public')",
                                   t.table.schema);
        c.database = row[0].c_str();
        c.schema = row[1].c_str();
    } catch (const pqxx::sql_error& e) {
        throw database_error("cannot read the current database: " + one_line(e.what()), e.sqlstate());
    } catch (const pqxx::broken_connection& e) {
        throw connection_error("lost the database connection: " + one_line(e.what()));
    }
    c.lock_key = migration_lock_key(c.database, c.schema, t.table.name);
    refuse_transaction_pooler(t.conninfo, *c.db);
    c.db->lock_migrations(c.lock_key, o.lock_wait, o.on_lock_wait);
    c.locked = true;
}

}  // namespace retort::db
