// Text output in Alembic's formats, so habits and scripts carry over.
#pragma once

#include "graph/revision_graph.hpp"

#include <string>
#include <vector>

namespace retort::cli {

struct line_options {
    bool parents = false;         ///< "down -> rev"
    bool branch_labels = false;   ///< " (label)"
    bool head = true;             ///< " (head)"
    bool tree = true;             ///< " (branchpoint)", " (mergepoint)"
    bool message = false;         ///< ", message"
    bool current = false;         ///< " (current)"
};

/// One revision on one line, as Alembic's Script._head_only prints it.
std::string revision_line(const graph::revision_graph& g, graph::index i, const line_options& o);

/// The multi-line block of Alembic's --verbose / show.
std::string revision_block(const graph::revision_graph& g, graph::index i, bool current);

/// Newest first, as `alembic history` lists revisions.
std::vector<graph::index> history_order(const graph::revision_graph& g);

}  // namespace retort::cli
