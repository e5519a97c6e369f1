// What a plan will lock on this database: each statement's lock facts, refined from the live
// catalog, with the estimated size of every table it locks, and a warning for each statement
// that holds a write-blocking lock while it scans or rewrites a table over max_lock_rows rows.
#pragma once

#include "db/blockers.hpp"
#include "db/live_facts.hpp"
#include "locks/lock_facts.hpp"
#include "plan/program.hpp"

#include <retort/operations.hpp>

#include <string>
#include <vector>

namespace retort::db {

class session;

struct locked_table {
    locks::table_lock lock;
    table_size size;  ///< exists == false: the plan creates it (or it is gone)
};

struct planned_statement {
    std::string sql;
    std::string transaction;  ///< "revision" (the step's transaction), "own" (a recipe step), "none" (autocommit)
    locks::statement_facts facts;
    std::vector<locked_table> tables;
    std::vector<blocker> blockers;  ///< for a strong lock (SHARE or stronger): who holds or awaits a conflicting lock now
};

struct planned_step {
    std::string revision, title;
    std::vector<planned_statement> statements;
    std::vector<acknowledgement> acknowledgements;
};

struct lock_warning {
    std::string revision, table, statement;
    locks::level mode = locks::level::none;
    locks::cost work = locks::cost::catalog;
    long long rows = 0;
    bool acknowledged = false;
    std::string reason;  ///< the revision's, when acknowledged
    /// "rc2: CREATE INDEX ix ON people (email) takes SHARE on people (~1000000 rows > 100000) and scans it"
    std::string text() const;
};

struct lock_plan {
    std::vector<planned_step> steps;
    std::vector<lock_warning> warnings;
    long long max_lock_rows = 0;  ///< 0: no threshold
    /// The warnings no revision acknowledged: what `upgrade --max-lock-rows` refuses.
    std::vector<lock_warning> unacknowledged() const;
};

/// Builds the plan for `programs` (as plan::migrate produced them; acknowledgements by revision ID).
lock_plan build_lock_plan(session& s, const std::vector<plan::step_program>& programs,
                          const std::vector<std::vector<acknowledgement>>& acknowledgements, long long max_lock_rows);

}  // namespace retort::db
