// A new revision file in a migrations folder: ID, parents, labels and dependencies chosen as
// Alembic's `revision` chooses them. Shared by mkrev (empty bodies) and `runner autogenerate`
// (bodies written from a schema difference).
#pragma once

#include "revision_set.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace retort::gen {

struct revision_request {
    std::string message;
    std::string rev_id;                     ///< empty: a fresh one
    std::vector<std::string> heads;         ///< --head targets; empty: "head"
    std::vector<std::string> labels, depends_on;
    bool merge = false, splice = false;
    std::string upgrade_body, downgrade_body;  ///< DSL statements, indented; empty bodies by default
};

/// Writes DIR/<id>_<slug>.cpp for `r` against the folder's revisions `set` and returns its path.
/// Throws retort::usage_error for a taken or invalid ID, an unknown or non-head parent, a used
/// label; retort::error when the file cannot be written.
std::filesystem::path write_new_revision(const std::string& dir, const revision_set& set, const revision_request& r);

}  // namespace retort::gen
