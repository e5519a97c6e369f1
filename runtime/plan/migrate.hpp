// Drives a plan: records each revision's operations, renders them, adds the version-table
// change, and hands the program to a sink. The same code serves the database and `--sql`.
#pragma once

#include "plan/program.hpp"
#include "render/version_table.hpp"

#include <retort/migration.hpp>

#include <vector>

namespace retort::plan {

/// Alembic's wording: "upgrade 1975ea83b712 -> ae1027a6acf, add a column".
std::string step_title(const graph::revision_graph& g, const step& s);

/// Records and renders one step (throws retort::error naming the revision if its body throws).
step_program build_program(const graph::revision_graph& g, const revision_body& body, const step& s,
                           const version_change& change, const render::version_table& table);

/// Runs the whole plan through `out`; returns the version-table heads after it.
std::vector<index> migrate(const revision_map& m, const std::vector<const revision_body*>& bodies,
                           const std::vector<index>& current, const std::vector<step>& steps,
                           const render::version_table& table, sink& out);

}  // namespace retort::plan
