#include "db/blockers.hpp"

#include "core/errors.hpp"
#include "core/text.hpp"
#include "db/session.hpp"

#include <pqxx/pqxx>

namespace retort::db {

std::vector<locks::blocker> find_blockers(session& s, const locks::table_lock& wanted) {
    try {
        pqxx::nontransaction tx(s.native());
        std::string name = wanted.schema.empty() ? tx.quote_name(wanted.table)
                                                 : tx.quote_name(wanted.schema) + "." + tx.quote_name(wanted.table);
        auto rows = tx.exec_params(
            "SELECT l.pid, coalesce(a.application_name, ''), coalesce(a.state, ''), l.mode, l.granted, "
            "coalesce(extract(epoch FROM now() - coalesce(a.xact_start, a.query_start, a.backend_start)), 0)::float8 "
            "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.locktype = 'relation' AND l.relation = to_regclass($1) AND l.pid <> pg_backend_pid() "
            "ORDER BY l.granted DESC, 6 DESC",
            name);
        std::vector<locks::blocker> out;
        for (auto r : rows) {
            locks::blocker b{r[0].as<int>(), r[1].as<std::string>(), r[2].as<std::string>(), r[3].as<std::string>(),
                             wanted.table, r[4].as<bool>(), r[5].as<double>()};
            if (locks::conflicts(wanted.mode, locks::level_of_pg_locks_mode(b.mode))) out.push_back(std::move(b));
        }
        return out;
    } catch (const pqxx::sql_error& e) {
        throw database_error("cannot read the lock queue of " + wanted.table + ": " + one_line(e.what()), e.sqlstate());
    }
}

std::vector<locks::blocker> terminate_idle(session& s, const std::vector<locks::blocker>& blockers) {
    std::vector<locks::blocker> ended;
    pqxx::nontransaction tx(s.native());
    for (const auto& b : blockers)
        if (b.granted && b.state.rfind("idle in transaction", 0) == 0) {
            tx.exec_params("SELECT pg_terminate_backend($1)", b.pid);
            ended.push_back(b);
        }
    return ended;
}

}  // namespace retort::db
