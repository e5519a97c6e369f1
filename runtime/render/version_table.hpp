// SQL for Retort's version table. Shared by the online runner and `--sql`, so both write the
// same rows; rendered here rather than spliced in the runner.
#pragma once

#include "render/postgres.hpp"

#include <string>
#include <vector>

namespace retort::render {

/// Which table holds the current heads: retort_version by default; alembic_version continues an
/// Alembic-managed database.
struct version_table {
    std::string schema;
    std::string name = "retort_version";
    std::string qualified_name() const;
};

statement create_version_table(const version_table& table);
std::string select_versions(const version_table& table);
std::vector<statement> version_changes(const version_table& table,
                                       const std::vector<std::string>& deletes,
                                       const std::vector<std::pair<std::string, std::string>>& updates,
                                       const std::vector<std::string>& inserts);

}  // namespace retort::render
