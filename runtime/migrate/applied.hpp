// What is applied on a database, against the compiled revisions: the version-table rows, the
// applied revisions this runner does not know, and those whose checksum changed since.
#pragma once

#include "core/registry.hpp"
#include "migrate/result.hpp"
#include "render/version_table.hpp"

#include <string>

namespace retort::db {
class session;
class history;
}  // namespace retort::db

namespace retort::migrate {

/// The checksum compiled for a revision ID; throws retort::error for one not compiled in.
std::string compiled_checksum(const loaded_revisions& revisions, const std::string& id);

applied_state read_applied(const loaded_revisions& revisions, db::session& s, const render::version_table& table,
                           db::history& h);

/// Throws "applied revision X (file) changed since it was applied ..." when `state` has any.
void refuse_modified(const loaded_revisions& revisions, const applied_state& state);

}  // namespace retort::migrate
