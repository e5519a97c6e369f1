// From (graph, current version rows, target text) to an ordered list of steps, and the
// version-table change each step makes. Pure: no database, so it is tested in memory.
#pragma once

#include "graph/revision_graph.hpp"

#include <optional>
#include <string>
#include <vector>

namespace retort::plan {

using graph::index;

struct step {
    index revision;
    bool upgrade;
};

/// The version-table rows (current heads) as graph indices; throws if a row names an unknown
/// revision or two rows are ancestor and descendant (a corrupted table).
std::vector<index> current_heads(const graph::revision_graph& g, const std::vector<std::string>& rows);

/// Revisions an upgrade target names: "head", "heads", an ID or prefix, "+N", "REV+N".
std::vector<index> resolve_upgrade_target(const graph::revision_graph& g, const std::vector<index>& current,
                                          const std::string& target);
/// The revision a downgrade target names, or nullopt for base: "base", "-N", an ID or prefix, "REV-N".
std::optional<index> resolve_downgrade_target(const graph::revision_graph& g, const std::vector<index>& current,
                                              const std::string& target);

std::vector<step> plan_upgrade(const graph::revision_graph& g, const std::vector<index>& current,
                               const std::vector<index>& destination);
std::vector<step> plan_downgrade(const graph::revision_graph& g, const std::vector<index>& current,
                                 std::optional<index> destination);

/// How one step changes the version table, in Alembic's way: an UPDATE where a head moves,
/// an INSERT where a branch starts, a DELETE where branches merge or a branch ends.
struct version_change {
    std::vector<std::string> deletes;
    std::vector<std::pair<std::string, std::string>> updates;  ///< from, to
    std::vector<std::string> inserts;
};

/// Follows the version-table rows through a plan, one step at a time.
class head_tracker {
public:
    head_tracker(const graph::revision_graph& g, const std::vector<index>& current);
    version_change apply(const step& s);
    std::vector<index> heads() const;

private:
    const graph::revision_graph& m_graph;
    std::vector<bool> m_rows;
    std::vector<bool> m_applied;
};

}  // namespace retort::plan
