// Builds the lock plan (locks/plan.hpp) of step programs on the live database: each statement's
// facts refined from the catalog, the size of each table it locks, the connections blocking its
// strong locks now, and the warnings over the threshold with the revisions' acknowledgements.
#pragma once

#include "locks/plan.hpp"
#include "plan/program.hpp"

#include <retort/operations.hpp>

#include <vector>

namespace retort::db {

class session;

/// `programs` as plan::migrate produced them; `acknowledgements[k]`: the op.acknowledge calls of
/// programs[k]'s revision body. Reads the catalog only. Throws database_error.
locks::lock_plan build_lock_plan(session& s, const std::vector<plan::step_program>& programs,
                                 const std::vector<std::vector<acknowledgement>>& acknowledgements,
                                 long long max_lock_rows);

}  // namespace retort::db
