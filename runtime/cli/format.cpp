#include "cli/format.hpp"

namespace retort::cli {

namespace {
std::string comma(const graph::revision_graph& g, const std::vector<graph::index>& revs) {
    std::string out;
    for (auto i : revs) out += (out.empty() ? "" : ", ") + g[i].id;
    return out;
}

std::string comma(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "" : ", ") + w;
    return out;
}

std::string down(const graph::revision_graph& g, graph::index i) {
    return g.parents(i).empty() ? "<base>" : comma(g, g.parents(i));
}
}  // namespace

std::string revision_line(const graph::revision_graph& g, graph::index i, const line_options& o) {
    const auto& rev = g[i];
    std::string text = rev.id;
    if (o.parents) {
        if (!g.dependencies(i).empty()) text = down(g, i) + " (" + comma(g, g.dependencies(i)) + ") -> " + text;
        else text = down(g, i) + " -> " + text;
    }
    if (o.branch_labels && !rev.branch_labels.empty()) text += " (" + comma(rev.branch_labels) + ")";
    if (o.head && g.is_head(i)) text += " (head)";
    if (o.current) text += " (current)";
    if (o.tree) {
        if (g.is_branch_point(i)) text += " (branchpoint)";
        if (g.is_merge_point(i)) text += " (mergepoint)";
    }
    if (o.message) text += ", " + rev.message;
    return text;
}

std::string revision_block(const graph::revision_graph& g, graph::index i, bool current) {
    const auto& rev = g[i];
    std::string out = "Rev: " + rev.id + (g.is_head(i) ? " (head)" : "") + (g.is_branch_point(i) ? " (branchpoint)" : "") +
                      (g.is_merge_point(i) ? " (mergepoint)" : "") + (current ? " (current)" : "") + "\n";
    out += (g.is_merge_point(i) ? "Merges: " : "Parent: ") + down(g, i) + "\n";
    if (!g.dependencies(i).empty()) out += "Also depends on: " + comma(g, g.dependencies(i)) + "\n";
    if (g.is_branch_point(i)) out += "Branches into: " + comma(g, g.children(i)) + "\n";
    if (!rev.branch_labels.empty()) out += "Branch names: " + comma(rev.branch_labels) + "\n";
    out += "Path: " + rev.path + "\n\n    " + rev.message + "\n\n    Revision ID: " + rev.id +
           "\n    Revises: " + (g.parents(i).empty() ? "" : comma(g, g.parents(i))) + "\n    Create Date: " +
           rev.created + "\n";
    return out;
}

std::vector<graph::index> history_order(const graph::revision_graph& g) {
    const auto& topo = g.topological_order();
    return {topo.rbegin(), topo.rend()};
}

}  // namespace retort::cli
