// A text snapshot of a database's schema from the catalog (schemas, relations, columns with types,
// defaults and nullability, constraints, indexes, enum and domain types), one sorted line per fact:
// two snapshots are equal exactly when the schemas are. Used by `runner verify`.
#pragma once

#include <string>
#include <vector>

namespace retort::db {

class session;

/// Everything outside the system schemas, except Retort's own tables (`skip_tables`).
std::vector<std::string> schema_snapshot(session& s, const std::vector<std::string>& skip_tables);

/// The lines only `before` has ("- ...") and only `after` has ("+ ...").
std::vector<std::string> snapshot_diff(const std::vector<std::string>& before, const std::vector<std::string>& after);

}  // namespace retort::db
