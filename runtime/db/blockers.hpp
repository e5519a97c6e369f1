// The live lock queue: which other connections hold or wait for a lock on a table that conflicts
// with the lock a statement needs (pg_locks joined with pg_stat_activity), and ending those that
// sit idle in a transaction (a cancel would release nothing there).
#pragma once

#include "locks/plan.hpp"

#include <vector>

namespace retort::db {

class session;

/// Connections holding or awaiting a lock on `wanted.table` that conflicts with `wanted.mode`.
std::vector<locks::blocker> find_blockers(session& s, const locks::table_lock& wanted);

/// pg_terminate_backend for each blocker idle in a transaction that holds its lock; returns them.
std::vector<locks::blocker> terminate_idle(session& s, const std::vector<locks::blocker>& blockers);

}  // namespace retort::db
