// A migrations folder read into a validated revision graph: the scan plus the same checks the
// runner makes (duplicate ID, missing parent, cycle), with files named.
#pragma once

#include "graph/revision_graph.hpp"
#include "scanner.hpp"

#include <string>
#include <vector>

namespace retort::gen {

struct revision_set {
    std::vector<revision_header> headers;
    graph::revision_graph graph;
};

/// Throws scan_error or retort::graph_error.
revision_set load_revision_set(const std::string& dir);

}  // namespace retort::gen
