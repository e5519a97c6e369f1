// The migration lock: a session-level PostgreSQL advisory lock, so two runners never change the
// same version table at once. Taken by polling pg_try_advisory_lock, so the wait is bounded by
// --lock-wait alone: PostgreSQL's lock_timeout (which would also cut a blocking
// pg_advisory_lock short) never applies to it.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

namespace retort::db {

class session;

/// The lock key: FNV-1a (64 bit) of "retort:<database>:<schema>.<table>". Fixed and documented, so
/// runners of every release and every project agree on it.
std::int64_t migration_lock_key(const std::string& database, const std::string& schema, const std::string& table);

/// Holds the lock from construction to destruction (RAII); released explicitly as well when the
/// connection closes.
class migration_lock {
public:
    /// Takes the lock `key` (db::open computes it), waiting at most `wait`; tells `on_wait`
    /// "waiting for the migration lock held by pid N since T (...)" once; throws retort::error
    /// when the wait runs out.
    migration_lock(session& s, std::int64_t key, std::chrono::milliseconds wait,
                   const std::function<void(const std::string&)>& on_wait);
    ~migration_lock();
    migration_lock(const migration_lock&) = delete;
    migration_lock& operator=(const migration_lock&) = delete;

    std::int64_t key() const noexcept { return m_key; }

private:
    session& m_session;
    std::int64_t m_key;
};

}  // namespace retort::db
