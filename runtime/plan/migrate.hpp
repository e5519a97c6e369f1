// Drives a plan: records each revision's operations, renders them, adds the version-table
// change, and hands the program to a sink. The same code serves the database and `--sql`.
#pragma once

#include "plan/program.hpp"
#include "render/version_table.hpp"

#include <retort/migration.hpp>

#include <optional>
#include <string>
#include <vector>

namespace retort::plan {

/// Alembic's wording: "upgrade 1975ea83b712 -> ae1027a6acf, add a column".
std::string step_title(const graph::revision_graph& g, const step& s);

/// The reason a revision's downgrade() gives with op.irreversible, if it does.
std::optional<std::string> irreversible_reason(const revision_body& body);

/// Throws retort::error naming the first downgrade step of `steps` whose revision is irreversible.
void refuse_irreversible(const graph::revision_graph& g, const std::vector<const revision_body*>& bodies,
                         const std::vector<step>& steps);

/// What one step's upgrade() or downgrade() records; throws retort::error naming the revision
/// ("upgrade() threw before any SQL ran: …") when the body throws.
recording record_step(const graph::revision_graph& g, const revision_body& body, const step& s);

/// Records and renders one step (throws retort::error naming the revision if its body throws).
step_program build_program(const graph::revision_graph& g, const revision_body& body, const step& s,
                           const version_change& change, const render::version_table& table);

/// Runs the whole plan through `out` (refusing it first if it crosses an irreversible revision); returns the version-table heads after it.
std::vector<index> migrate(const revision_map& m, const std::vector<const revision_body*>& bodies,
                           const std::vector<index>& current, const std::vector<step>& steps,
                           const render::version_table& table, sink& out);

}  // namespace retort::plan
