// Text output in Alembic's formats (alembic/script/base.py: Script._head_only, log_entry,
// cmd_format), so habits and scripts carry over; and the same facts as JSON for --json.
#pragma once

#include "graph/revision_map.hpp"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace retort::cli {

struct line_options {
    bool branch_labels = false;   ///< " (label)"
    bool message = false;         ///< ", message"
    bool parents = false;         ///< "down -> rev"
    bool tree = true;             ///< " (branchpoint)", " (mergepoint)"
    bool head = true;             ///< " (head)" / " (effective head)"
    bool current = false;         ///< " (current)"
};

/// One revision on one line (Script._head_only).
std::string revision_line(const graph::revision_map& m, graph::index i, const line_options& o);

/// The multi-line entry of --verbose and `show` (Script.log_entry), ending in a newline.
std::string revision_entry(const graph::revision_map& m, graph::index i, bool current);

/// --verbose picks the entry, otherwise the line (Script.cmd_format).
std::string revision_text(const graph::revision_map& m, graph::index i, bool verbose, const line_options& o);

/// The IDs of `revisions`, in their order.
std::vector<std::string> revision_ids(const graph::revision_map& m, const std::vector<graph::index>& revisions);

/// Every fact about one revision, for --json.
nlohmann::json revision_json(const graph::revision_map& m, graph::index i, bool current = false);

/// The version of every --json document (docs/json.md); raised only when a field changes meaning
/// or goes away, never for a field added.
constexpr int json_format = 1;

/// Prints one JSON object on one line: `fields` (an object) plus "format": json_format.
void print_json(nlohmann::json fields);

}  // namespace retort::cli
