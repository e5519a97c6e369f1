// The compiled revisions, read from the generated registry into graph facts and bodies.
#pragma once

#include "graph/revision_graph.hpp"

#include <retort/migration.hpp>

#include <vector>

namespace retort {

struct loaded_revisions {
    graph::revision_graph graph;
    std::vector<const revision_body*> bodies;  ///< by graph index
};

/// Builds the graph from `retort_registry`; throws graph_error if it is broken.
loaded_revisions load_registry();

}  // namespace retort
