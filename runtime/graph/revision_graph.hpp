// The revision graph: plain revision facts in, heads / order / ancestry out. No database, no files,
// so tests build graphs in memory. Boost.Graph stays inside revision_graph.cpp.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace retort::graph {

/// The graph facts of one revision, as its file's header block states them.
struct revision_info {
    std::string id;
    std::vector<std::string> parents;
    std::vector<std::string> branch_labels;
    std::vector<std::string> depends_on;
    std::string message;
    std::string created;
    std::string path;
};

using index = std::size_t;
using index_set = std::vector<bool>;  ///< membership by index

class revision_graph {
public:
    /// Validates: duplicate IDs, unknown parents or dependencies, duplicate labels and cycles throw
    /// graph_error naming the files involved.
    explicit revision_graph(std::vector<revision_info> revisions);
    ~revision_graph();
    revision_graph(revision_graph&&) noexcept;
    revision_graph& operator=(revision_graph&&) noexcept;

    std::size_t size() const noexcept;
    const revision_info& operator[](index i) const;

    std::optional<index> find(std::string_view exact_id) const;
    /// Full ID or unique prefix; throws resolution_error listing the candidates otherwise.
    index resolve_id(std::string_view id_or_prefix) const;
    /// The revision carrying this branch label, if any.
    std::optional<index> find_label(std::string_view label) const;

    const std::vector<index>& parents(index i) const;
    const std::vector<index>& children(index i) const;
    const std::vector<index>& dependencies(index i) const;  ///< depends_on, resolved
    const std::vector<index>& dependents(index i) const;

    std::vector<index> heads() const;  ///< revisions nothing builds on (no child)
    std::vector<index> bases() const;  ///< revisions with no parent
    bool is_head(index i) const { return children(i).empty(); }
    bool is_branch_point(index i) const { return children(i).size() > 1; }
    bool is_merge_point(index i) const { return parents(i).size() > 1; }

    /// Every revision, parents and dependencies before the revisions that need them.
    const std::vector<index>& topological_order() const;

    /// The set plus everything it needs (parents and, with_deps, dependencies, transitively).
    index_set ancestors(const std::vector<index>& from, bool with_deps = true) const;
    /// The set plus everything that needs it (children and, with_deps, dependents).
    index_set descendants(const std::vector<index>& from, bool with_deps = true) const;

private:
    struct impl;
    std::unique_ptr<impl> m;
};

}  // namespace retort::graph
