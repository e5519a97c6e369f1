// The lock policy: with --max-lock-rows (or retort.ini's max_lock_rows), a plan whose statement
// holds a write-blocking lock while it scans or rewrites a larger table is refused before
// anything runs, unless the revision acknowledges it (op.acknowledge("lock-on-large-table", why)).
#pragma once

#include "locks/plan.hpp"

namespace retort::migrate {

/// Throws retort::error with exit code 8 (exit_lock_policy) naming the first unacknowledged
/// warning of `plan` and how many more there are; returns when there is none.
void refuse_lock_policy(const locks::lock_plan& plan);

}  // namespace retort::migrate
