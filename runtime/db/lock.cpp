#include "db/lock.hpp"

#include "core/errors.hpp"
#include "db/session.hpp"
#include "core/text.hpp"

#include <pqxx/pqxx>

#include <thread>

namespace retort::db {

namespace {

constexpr const char* holder_tag = "retort: migration lock since ";

/// Who holds the lock: "pid N since T" (T from the holder's application_name, which a Retort
/// runner sets when it takes the lock; else the holder's connection time).
std::string describe_holder(pqxx::connection_base& conn, std::int64_t key) {
    pqxx::nontransaction tx(conn);
    auto rows = tx.exec_params(
        "SELECT l.pid, coalesce(a.application_name, ''), "
        "coalesce(to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC', '?') "
        "FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid "
        "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 "
        "AND l.classid::bigint = ($1::bigint >> 32) & 4294967295 AND l.objid::bigint = $1::bigint & 4294967295",
        key);
    if (rows.empty()) return "another session";
    std::string since = rows[0][2].c_str();
    std::string app = rows[0][1].c_str();
    if (app.rfind(holder_tag, 0) == 0) since = app.substr(std::string(holder_tag).size());
    return "pid " + std::string(rows[0][0].c_str()) + " since " + since;
}

std::string seconds_text(std::chrono::milliseconds d) {
    auto ms = d.count();
    if (ms > 0 && ms % 60000 == 0) return std::to_string(ms / 60000) + "min";
    if (ms % 1000 == 0) return std::to_string(ms / 1000) + "s";
    return std::to_string(ms) + "ms";
}

}  // namespace

std::int64_t migration_lock_key(const std::string& database, const std::string& schema, const std::string& table) {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : "retort:" + database + ":" + schema + "." + table) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return static_cast<std::int64_t>(h);
}

migration_lock::migration_lock(session& s, std::int64_t key, std::chrono::milliseconds wait,
                               const std::function<void(const std::string&)>& on_wait)
    : m_session(s), m_key(key) {
    auto& conn = s.native();
    try {
        auto deadline = std::chrono::steady_clock::now() + wait;
        bool said = false;
        std::string holder;
        for (;;) {
            {
                pqxx::nontransaction tx(conn);
                if (tx.exec_params1("SELECT pg_try_advisory_lock($1)", m_key)[0].as<bool>()) break;
            }
            holder = describe_holder(conn, m_key);
            if (!said && on_wait)
                on_wait("waiting for the migration lock held by " + holder + " (at most " + seconds_text(wait) +
                        ", see --lock-wait)");
            said = true;
            if (std::chrono::steady_clock::now() >= deadline)
                throw error("gave up waiting for the migration lock after " + seconds_text(wait) + ": it is held by " +
                            holder + "; wait for that migration to finish or raise --lock-wait");
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        // Tell waiting runners (and a DBA looking at pg_stat_activity) since when the lock is held.
        pqxx::nontransaction tx(conn);
        tx.exec_params("SELECT set_config('application_name', $1 || to_char(clock_timestamp() AT TIME ZONE 'UTC', "
                       "'YYYY-MM-DD HH24:MI:SS') || ' UTC', false)",
                       std::string(holder_tag));
    } catch (const pqxx::sql_error& e) {
        throw database_error("cannot take the migration lock: " + one_line(e.what()), e.sqlstate());
    } catch (const pqxx::broken_connection& e) {
        throw error("lost the database connection while taking the migration lock: " + one_line(e.what()));
    }
}

migration_lock::~migration_lock() {
    try {
        pqxx::nontransaction tx(m_session.native());
        tx.exec_params("SELECT pg_advisory_unlock($1)", m_key);
    } catch (...) {
        // The connection is gone, and the lock with it.
    }
}

}  // namespace retort::db
