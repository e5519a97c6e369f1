// The lock plan (locks/plan.hpp) as `runner plan` and `--dry-run` print it: text, one line per
// table a statement locks, then the warnings; or JSON (docs/json.md).
#pragma once

#include "locks/plan.hpp"

#include <nlohmann/json_fwd.hpp>

#include <ostream>

namespace retort::cli {

/// Per statement: table, lock, work, estimated rows and size, the SQL; blockers and notes under it;
/// then the warnings ("warning: ..." or "note: ... (acknowledged: why)").
void print_lock_plan(std::ostream& out, const locks::lock_plan& plan);

/// `{"format": 1, "max_lock_rows", "steps", "warnings"}` (the caller adds what it planned).
nlohmann::json lock_plan_json(const locks::lock_plan& plan);

}  // namespace retort::cli
