#include "db/role.hpp"

#include "core/errors.hpp"
#include "core/text.hpp"
#include "db/session.hpp"

#include <pqxx/pqxx>

namespace retort::db {

role_facts current_role(session& s) {
    try {
        pqxx::nontransaction tx(s.native());
        auto row = tx.exec1("SELECT current_user, rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user");
        return {row[0].c_str(), row[1].as<bool>()};
    } catch (const pqxx::sql_error& e) {
        throw database_error("cannot read the current role: " + one_line(e.what()), e.sqlstate());
    }
}

}  // namespace retort::db
