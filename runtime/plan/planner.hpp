// From (revision map, current version rows, target text) to an ordered list of steps, and the
// version-table change each step makes, exactly as Alembic plans them (ScriptDirectory's
// _upgrade_revs / _downgrade_revs / _stamp_revs, and HeadMaintainer). Pure: no database.
#pragma once

#include "graph/revision_map.hpp"

#include <optional>
#include <string>
#include <vector>

namespace retort::plan {

using graph::index;
using graph::revision_map;

struct step {
    index revision;
    bool upgrade;
};

/// The version-table rows as graph indices; throws if a row names an unknown revision or two
/// rows are ancestor and descendant (a corrupted table).
std::vector<index> current_heads(const graph::revision_graph& g, const std::vector<std::string>& rows);

/// Every step from `current` rows to `target` ("head", "heads", an ID or prefix, "+N", "REV+N",
/// "LABEL@head", ...), in the order Alembic runs them.
std::vector<step> plan_upgrade(const revision_map& m, const std::vector<std::string>& current, const std::string& target);
/// Every step down to `target` ("base", "-N", "REV-N", "LABEL@base", an ID, ...).
std::vector<step> plan_downgrade(const revision_map& m, const std::vector<std::string>& current, const std::string& target);
/// The rows an offline (--sql) run starts from: START of START:END, resolved to one revision.
std::vector<std::string> offline_start(const revision_map& m, const std::string& start);

/// How one step changes the version table, in Alembic's way: an UPDATE where a head moves,
/// an INSERT where a branch starts, a DELETE where branches merge or a branch ends.
struct version_change {
    std::vector<std::string> deletes;
    std::vector<std::pair<std::string, std::string>> updates;  ///< from, to
    std::vector<std::string> inserts;
};

/// A stamp: move version rows without running revisions (Alembic's StampStep).
struct stamp_step {
    std::vector<index> from, to;
    bool upgrade = true;
    bool branch_move = false;
};
/// The stamp steps that take `current` rows to `targets` ("base", IDs, "heads", ...).
std::vector<stamp_step> plan_stamp(const revision_map& m, const std::vector<std::string>& current,
                                   const std::vector<std::string>& targets);

/// Follows the version-table rows through a plan, one step at a time (Alembic's HeadMaintainer).
class head_tracker {
public:
    head_tracker(const revision_map& m, const std::vector<index>& rows);
    version_change apply(const step& s);
    version_change apply(const stamp_step& s);
    std::vector<index> heads() const;  ///< current rows, index order

private:
    void insert(index i, version_change& c);
    void remove(index i, version_change& c);
    void update(index from, index to, version_change& c);
    std::vector<index> outside_ancestors(const std::vector<index>& keep, const std::vector<index>& except) const;

    const revision_map& m_map;
    std::vector<bool> m_rows;
};

}  // namespace retort::plan
