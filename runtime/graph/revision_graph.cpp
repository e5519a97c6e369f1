#include "graph/revision_graph.hpp"

#include "core/errors.hpp"

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/topological_sort.hpp>

#include <algorithm>
#include <iterator>
#include <memory_resource>
#include <unordered_map>
#include <utility>

namespace retort::graph {

namespace {
// Edges run from a revision to what it needs (parent or dependency), so a topological sort of
// this graph lists dependents first; reversed, it is the order to apply revisions in.
// Compressed rows: the edges in one array, not one allocation per revision (start-up builds this
// graph on every command; docs/performance.md). Out-edges keep their order: parents, then
// dependencies, as given, so the sort is the same as on an adjacency list.
using boost_graph = boost::compressed_sparse_row_graph<boost::directedS>;

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
    return out;
}
}  // namespace

struct revision_graph::impl {
    std::vector<revision_info> revs;
    // The indexes' nodes come from one arena instead of one allocation each (freed with the graph).
    std::pmr::monotonic_buffer_resource arena;
    std::pmr::unordered_map<std::string_view, index> by_id{&arena};
    std::pmr::unordered_map<std::string_view, index> by_label{&arena};
    std::vector<std::vector<index>> parents, children, deps, dependents;
    std::vector<index> topo;
};

revision_graph::revision_graph(std::vector<revision_info> revisions) : m(std::make_unique<impl>()) {
    m->revs = std::move(revisions);
    const std::size_t n = m->revs.size();
    m->by_id.reserve(n);
    for (index i = 0; i < n; ++i) {
        auto [it, inserted] = m->by_id.emplace(m->revs[i].id, i);
        if (!inserted)
            throw graph_error("duplicate revision ID " + m->revs[i].id + " in " + m->revs[it->second].path + " and " +
                              m->revs[i].path);
    }
    for (index i = 0; i < n; ++i)
        for (const auto& label : m->revs[i].branch_labels) {
            auto [it, inserted] = m->by_label.emplace(label, i);
            if (!inserted)
                throw graph_error("branch label '" + label + "' is used by both " + m->revs[it->second].path +
                                  " and " + m->revs[i].path);
            if (m->by_id.count(label))
                throw graph_error("branch label '" + label + "' in " + m->revs[i].path + " is also a revision ID");
        }

    m->parents.resize(n);
    m->children.resize(n);
    m->deps.resize(n);
    m->dependents.resize(n);
    std::vector<std::pair<index, index>> edges;  // (revision, what it needs), by revision
    edges.reserve(n);
    for (index i = 0; i < n; ++i) {
        const auto& r = m->revs[i];
        for (const auto& p : r.parents) {
            auto it = m->by_id.find(p);
            if (it == m->by_id.end())
                throw graph_error("revision " + r.id + " in " + r.path + " names parent " + p + ", which does not exist");
            m->parents[i].push_back(it->second);
            m->children[it->second].push_back(i);
            edges.emplace_back(i, it->second);
        }
        for (const auto& d : r.depends_on) {
            auto id_it = m->by_id.find(d);
            auto label_it = m->by_label.find(d);
            index target;
            if (id_it != m->by_id.end()) target = id_it->second;
            else if (label_it != m->by_label.end()) target = label_it->second;
            else
                throw graph_error("revision " + r.id + " in " + r.path + " depends on " + d +
                                  ", which is neither a revision ID nor a branch label");
            m->deps[i].push_back(target);
            m->dependents[target].push_back(i);
            edges.emplace_back(i, target);
        }
    }
    boost_graph g(boost::edges_are_sorted, edges.begin(), edges.end(), n);

    std::vector<boost_graph::vertex_descriptor> order;
    order.reserve(n);
    try {
        boost::topological_sort(g, std::back_inserter(order));
    } catch (const boost::not_a_dag&) {
        // Name the revisions on a cycle: those not removable by repeatedly peeling off leaves.
        std::vector<std::size_t> out_degree(n);
        for (index i = 0; i < n; ++i) out_degree[i] = m->parents[i].size() + m->deps[i].size();
        std::vector<index> queue;
        for (index i = 0; i < n; ++i)
            if (out_degree[i] == 0) queue.push_back(i);
        std::vector<bool> removed(n);
        while (!queue.empty()) {
            index v = queue.back();
            queue.pop_back();
            removed[v] = true;
            for (auto list : {&m->children[v], &m->dependents[v]})
                for (index c : *list)
                    if (--out_degree[c] == 0) queue.push_back(c);
        }
        std::vector<std::string> on_cycle;
        for (index i = 0; i < n; ++i)
            if (!removed[i]) on_cycle.push_back(m->revs[i].id + " (" + m->revs[i].path + ")");
        throw graph_error("the revision graph has a cycle through " + join(on_cycle));
    }
    // boost emits a vertex after everything it points to, i.e. parents first: the apply order.
    m->topo.assign(order.begin(), order.end());
}

revision_graph::~revision_graph() = default;
revision_graph::revision_graph(revision_graph&&) noexcept = default;
revision_graph& revision_graph::operator=(revision_graph&&) noexcept = default;

std::size_t revision_graph::size() const noexcept { return m->revs.size(); }
const revision_info& revision_graph::operator[](index i) const { return m->revs.at(i); }

std::optional<index> revision_graph::find(std::string_view exact_id) const {
    auto it = m->by_id.find(exact_id);
    if (it == m->by_id.end()) return std::nullopt;
    return it->second;
}

std::optional<index> revision_graph::find_label(std::string_view label) const {
    auto it = m->by_label.find(label);
    if (it == m->by_label.end()) return std::nullopt;
    return it->second;
}

index revision_graph::resolve_id(std::string_view id_or_prefix) const {
    if (auto exact = find(id_or_prefix)) return *exact;
    std::vector<std::string> candidates;
    index found = 0;
    if (!id_or_prefix.empty())
        for (index i = 0; i < m->revs.size(); ++i)
            if (std::string_view(m->revs[i].id).substr(0, id_or_prefix.size()) == id_or_prefix) {
                candidates.push_back(m->revs[i].id);
                found = i;
            }
    if (candidates.size() == 1) return found;
    std::string target(id_or_prefix);
    if (candidates.empty()) throw resolution_error("no revision matches '" + target + "'");
    std::sort(candidates.begin(), candidates.end());
    throw resolution_error("'" + target + "' is ambiguous: it starts " + std::to_string(candidates.size()) +
                               " revisions (" + join(candidates) + ")",
                           candidates);
}

const std::vector<index>& revision_graph::parents(index i) const { return m->parents.at(i); }
const std::vector<index>& revision_graph::children(index i) const { return m->children.at(i); }
const std::vector<index>& revision_graph::dependencies(index i) const { return m->deps.at(i); }
const std::vector<index>& revision_graph::dependents(index i) const { return m->dependents.at(i); }

std::vector<index> revision_graph::heads() const {
    std::vector<index> out;
    for (index i : m->topo)
        if (m->children[i].empty()) out.push_back(i);
    return out;
}

std::vector<index> revision_graph::bases() const {
    std::vector<index> out;
    for (index i : m->topo)
        if (m->parents[i].empty()) out.push_back(i);
    return out;
}

const std::vector<index>& revision_graph::topological_order() const { return m->topo; }

namespace {
/// Everything reachable from `from` through the edge lists `first` and, when given, `second`.
index_set reach(std::size_t n, const std::vector<index>& from, const std::vector<std::vector<index>>& first,
                const std::vector<std::vector<index>>* second) {
    index_set seen(n);
    std::vector<index> stack(from.begin(), from.end());
    while (!stack.empty()) {
        index v = stack.back();
        stack.pop_back();
        if (seen[v]) continue;
        seen[v] = true;
        stack.insert(stack.end(), first[v].begin(), first[v].end());
        if (second) stack.insert(stack.end(), (*second)[v].begin(), (*second)[v].end());
    }
    return seen;
}
}  // namespace

index_set revision_graph::ancestors(const std::vector<index>& from, bool with_deps) const {
    return reach(m->revs.size(), from, m->parents, with_deps ? &m->deps : nullptr);
}

index_set revision_graph::descendants(const std::vector<index>& from, bool with_deps) const {
    return reach(m->revs.size(), from, m->children, with_deps ? &m->dependents : nullptr);
}

}  // namespace retort::graph
