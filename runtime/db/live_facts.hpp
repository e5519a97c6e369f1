// The live catalog's part of the lock facts: a table's estimated size, and the refinements the pure
// classifier (runtime/locks) leaves to the database (SET NOT NULL with a valid IS NOT NULL check,
// binary-coercible type changes, the table of an index).
#pragma once

#include "locks/plan.hpp"

#include <string>

namespace retort::db {

class session;

/// The estimated size of schema.table (an empty schema: the search path decides).
locks::table_size size_of(session& s, const std::string& schema, const std::string& table);

/// Applies what the live catalog knows to `f`: may lower its work (scan -> catalog-only,
/// rewrite -> catalog-only) and names the table of an index. Unknown objects leave `f` as it is.
void refine(session& s, locks::statement_facts& f);

}  // namespace retort::db
