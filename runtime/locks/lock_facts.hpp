// What a statement does to the tables it touches, on PostgreSQL 12 and newer: the lock level it
// takes on each (tablecmds.c's AlterTableGetLockLevel and the "Explicit Locking" chapter) and
// whether it only changes the catalog, scans the table, or rewrites it. Pure: no database. Facts
// that depend on the live catalog (a valid CHECK (col IS NOT NULL) lets SET NOT NULL skip its scan;
// a binary-coercible type change does not rewrite) are marked for the planner to refine.
#pragma once

#include "render/postgres.hpp"

#include <retort/operations.hpp>

#include <string>
#include <vector>

namespace retort::locks {

/// PostgreSQL's table lock modes, weakest first.
enum class level {
    none,
    access_share,
    row_share,
    row_exclusive,
    share_update_exclusive,
    share,
    share_row_exclusive,
    exclusive,
    access_exclusive,
};

/// "ACCESS EXCLUSIVE", "SHARE UPDATE EXCLUSIVE", ... ("none" for none).
const char* name(level l);
/// pg_locks.mode: "AccessExclusiveLock", ...
const char* pg_locks_mode(level l);
/// The level of a pg_locks.mode text; none for a mode that is not a table lock mode.
level level_of_pg_locks_mode(const std::string& mode);
/// SHARE and stronger: application writes (ROW EXCLUSIVE) wait behind it.
bool blocks_writes(level l);
/// True when a holder of `held` makes a request for `wanted` wait (PostgreSQL's conflict table).
bool conflicts(level wanted, level held);

enum class cost {
    catalog,   ///< only the catalog changes: instant once the lock is granted
    scan,      ///< reads the whole table under the lock (index build, validation)
    rewrite,   ///< writes a new copy of the table and its indexes
    rows,      ///< reads or writes rows like an application query (INSERT, UPDATE, DELETE)
    unknown,   ///< raw SQL this classifier cannot be sure of
};
const char* name(cost c);  ///< "catalog-only", "scan", "rewrite", "rows", "unknown"

/// A fact the live catalog can improve.
enum class refinement {
    none,
    not_null_check,  ///< SET NOT NULL: no scan when a valid CHECK (column IS NOT NULL) exists
    type_change,     ///< ALTER COLUMN TYPE: no rewrite when the change is binary coercible
    index_table,     ///< DROP INDEX: the table is the index's table (`table` holds the index name)
};

struct table_lock {
    std::string schema, table;  ///< schema empty: the search path decides
    level mode = level::none;
};

struct statement_facts {
    std::vector<table_lock> tables;  ///< the first is the statement's own table
    cost work = cost::catalog;
    bool certain = true;             ///< false: raw SQL classified only partly, or not at all
    refinement refine = refinement::none;
    std::string column;              ///< for not_null_check and type_change
    std::string new_type;            ///< for type_change: the type as rendered
    bool using_expression = false;   ///< for type_change: USING always rewrites
    std::string note;                ///< why, in a few words
    /// The strongest lock of the statement (none when it locks no table).
    level strongest() const;
};

/// The acknowledgement (`op.acknowledge(large_table_rule, "why")`) that lets `upgrade --max-lock-rows`
/// run a revision holding a write-blocking lock while it scans or rewrites a large table.
inline constexpr const char* large_table_rule = "lock-on-large-table";

/// A function PostgreSQL marks volatile that people use in column defaults (upper-case name): a
/// DEFAULT calling one gives every row its own value, so ADD COLUMN rewrites the table.
bool is_volatile_function(const std::string& upper_case_name);

/// The facts of one SQL statement, from its leading keywords (op.execute's text; any rendered statement).
statement_facts classify_sql(const std::string& sql);

/// The facts of each statement `render::render(o)` returns, in the same order.
std::vector<statement_facts> facts(const op::operation& o);
/// Same for already rendered statements (a raw statement with several statements is merged).
/// The SET NOT NULL step of op.set_not_null (own_transaction) is catalog-only: its check is valid by then.
statement_facts facts(const render::statement& s);

}  // namespace retort::locks
