// The live lock queue: which other connections hold or wait for a lock on a table that conflicts
// with the lock a statement needs (pg_locks joined with pg_stat_activity), and ending those that
// sit idle in a transaction (a cancel would release nothing there).
#pragma once

#include "locks/lock_facts.hpp"

#include <string>
#include <vector>

namespace retort::db {

class session;

struct blocker {
    int pid = 0;
    std::string application, state, mode, table;
    bool granted = true;       ///< false: it waits in the queue itself
    double age_seconds = 0;    ///< since its transaction (or query) started
};

/// Connections holding or awaiting a lock on `wanted.table` that conflicts with `wanted.mode`.
std::vector<blocker> find_blockers(session& s, const locks::table_lock& wanted);

/// "pid 4711 (psql, idle in transaction for 12 s, holds AccessShareLock on items)"
std::string describe(const blocker& b);

/// pg_terminate_backend for each blocker idle in a transaction for at least `seconds`; returns them.
std::vector<blocker> terminate_idle(session& s, const std::vector<blocker>& blockers, double seconds);

}  // namespace retort::db
