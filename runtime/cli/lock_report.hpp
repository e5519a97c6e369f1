// The lock plan at the command line: built for `runner plan`, `--dry-run` and the lock policy of
// `upgrade`/`downgrade --max-lock-rows` (exit 8), printed as text or JSON.
#pragma once

#include "cli/commands.hpp"
#include "db/lock_plan.hpp"
#include "plan/planner.hpp"

#include <nlohmann/json_fwd.hpp>

#include <ostream>
#include <string>
#include <vector>

namespace retort::cli {

/// "--max-lock-rows" text (empty or a number) -> rows; 0: off. Throws usage_error.
long long parse_max_lock_rows(const std::string& text);

/// The lock plan of `steps` from the database heads `current`, on the live database.
db::lock_plan plan_locks(const context& ctx, db::session& s, const std::vector<graph::index>& current,
                         const std::vector<plan::step>& steps, long long max_lock_rows);

/// One line per statement (table, lock, work, estimated rows and size, SQL), then the warnings.
void print_lock_plan(std::ostream& out, const db::lock_plan& plan);
nlohmann::json lock_plan_json(const db::lock_plan& plan);

/// Throws error(exit_lock_policy) naming every unacknowledged warning.
void enforce_lock_policy(const db::lock_plan& plan);

}  // namespace retort::cli
