// What a plan will lock on one database, as a value: each statement's lock facts (refined from
// the live catalog), the estimated size of every table it locks, who holds or awaits a conflicting
// lock there now, and a warning for each statement that holds a write-blocking lock while it
// scans or rewrites a table over the threshold. db/lock_plan builds it; the CLI prints it.
#pragma once

#include "locks/lock_facts.hpp"

#include <string>
#include <vector>

namespace retort::locks {

/// A table's estimated size (pg_class); exists == false: the plan creates it (or it is gone).
struct table_size {
    bool exists = false;
    long long rows = 0;   ///< pg_class.reltuples (pg_stat_user_tables.n_live_tup before the first ANALYZE)
    long long bytes = 0;  ///< pg_total_relation_size: table, indexes and TOAST
};

/// Another connection that holds or awaits a lock conflicting with the one a statement needs.
struct blocker {
    int pid = 0;
    std::string application, state, mode, table;
    bool granted = true;     ///< false: it waits in the queue itself
    double age_seconds = 0;  ///< since its transaction (or query) started
};

/// "pid 4711 (psql, idle in transaction for 12 s, holds AccessShareLock on items)"
std::string describe(const blocker& b);

struct locked_table {
    table_lock lock;
    table_size size;
};

struct statement_plan {
    std::string sql;
    std::string transaction;  ///< "revision" (the step's transaction), "own" (a recipe step), "none" (autocommit)
    statement_facts facts;
    std::vector<locked_table> tables;
    std::vector<blocker> blockers;  ///< for a strong lock (SHARE or stronger) on an existing table
};

struct step_plan {
    std::string revision, title;
    std::vector<statement_plan> statements;
};

struct lock_warning {
    std::string revision, table, statement;
    level mode = level::none;
    cost work = cost::catalog;
    long long rows = 0;
    bool acknowledged = false;
    std::string reason;  ///< the revision's, when acknowledged
    /// "rc2: CREATE INDEX ix ON people (email) takes SHARE on people (~1000000 rows) and scans it: ..."
    std::string text() const;
};

struct lock_plan {
    std::vector<step_plan> steps;
    std::vector<lock_warning> warnings;
    long long max_lock_rows = 0;  ///< 0: no threshold, no warnings
    /// The warnings no revision acknowledged: what `upgrade --max-lock-rows` refuses.
    std::vector<lock_warning> unacknowledged() const;
};

/// A statement that blocks the application's writes for as long as it reads or rewrites the table.
bool long_strong_lock(const statement_facts& f, const table_lock& t);

}  // namespace retort::locks
