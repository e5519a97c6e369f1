#include "db/blockers.hpp"

#include "db/session.hpp"

#include <pqxx/pqxx>

#include <cmath>

namespace retort::db {

namespace {
locks::level level_of(const std::string& mode) {
    for (int l = 0; l <= static_cast<int>(locks::level::access_exclusive); ++l)
        if (mode == locks::pg_locks_mode(static_cast<locks::level>(l))) return static_cast<locks::level>(l);
    return locks::level::none;
}
}  // namespace

std::vector<blocker> find_blockers(session& s, const locks::table_lock& wanted) {
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
    std::vector<blocker> out;
    for (auto r : rows) {
        blocker b{r[0].as<int>(), r[1].as<std::string>(), r[2].as<std::string>(), r[3].as<std::string>(),
                  wanted.table, r[4].as<bool>(), r[5].as<double>()};
        if (locks::conflicts(wanted.mode, level_of(b.mode))) out.push_back(std::move(b));
    }
    return out;
}

std::string describe(const blocker& b) {
    return "pid " + std::to_string(b.pid) + " (" + (b.application.empty() ? "no application_name" : b.application) +
           ", " + (b.state.empty() ? "state unknown" : b.state) + " for " +
           std::to_string(static_cast<long long>(std::lround(b.age_seconds))) + " s, " +
           (b.granted ? "holds " : "waits for ") + b.mode + " on " + b.table + ")";
}

std::vector<blocker> terminate_idle(session& s, const std::vector<blocker>& blockers, double seconds) {
    std::vector<blocker> ended;
    pqxx::nontransaction tx(s.native());
    for (const auto& b : blockers)
        if (b.granted && b.state.rfind("idle in transaction", 0) == 0 && b.age_seconds >= seconds) {
            tx.exec_params("SELECT pg_terminate_backend($1)", b.pid);
            ended.push_back(b);
        }
    return ended;
}

}  // namespace retort::db
