#include "plan/planner.hpp"

#include "core/errors.hpp"

#include <algorithm>
#include <cctype>

namespace retort::plan {

namespace {

std::string ids(const graph::revision_graph& g, const std::vector<index>& revs) {
    std::string out;
    for (index i : revs) out += (out.empty() ? "" : ", ") + g[i].id;
    return out;
}

bool parse_count(const std::string& text, long& n) {
    if (text.empty() || !std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); }))
        return false;
    if (text.size() > 9) return false;
    n = std::stol(text);
    return true;
}

/// Splits "REV+N" / "REV-N" / "+N" / "-N"; returns false when the text has no relative part.
bool split_relative(const std::string& target, std::string& anchor, long& n) {
    auto pos = target.find_last_of("+-");
    if (pos == std::string::npos) return false;
    long count = 0;
    if (!parse_count(target.substr(pos + 1), count)) return false;
    anchor = target.substr(0, pos);
    n = target[pos] == '-' ? -count : count;
    return true;
}

index single_head(const graph::revision_graph& g) {
    auto heads = g.heads();
    if (heads.empty()) throw resolution_error("there are no revisions");
    if (heads.size() > 1)
        throw resolution_error("there are several heads (" + ids(g, heads) +
                               "); name one, or use 'heads' to upgrade them all");
    return heads.front();
}

index single_current(const graph::revision_graph& g, const std::vector<index>& current, const std::string& target) {
    if (current.size() > 1)
        throw resolution_error("'" + target + "' is relative, but the database has several current heads (" +
                               ids(g, current) + "); name a revision instead");
    return current.front();
}

/// Walks n steps up (n > 0) or down (n < 0) from `start` (nullopt: base). Returns nullopt for base.
std::optional<index> walk(const graph::revision_graph& g, std::optional<index> start, long n, const std::string& target) {
    std::optional<index> at = start;
    for (long k = 0; k < (n < 0 ? -n : n); ++k) {
        if (n > 0) {
            std::vector<index> next = at ? g.children(*at) : g.bases();
            if (next.empty())
                throw resolution_error("relative revision " + target + " goes past the head (only " +
                                       std::to_string(k) + " revisions above)");
            if (next.size() > 1)
                throw resolution_error("relative revision " + target + " is ambiguous: the graph branches into " +
                                       ids(g, next));
            at = next.front();
        } else {
            if (!at)
                throw resolution_error("relative revision " + target + " goes below base (only " + std::to_string(k) +
                                       " revisions below)");
            const auto& parents = g.parents(*at);
            if (parents.size() > 1)
                throw resolution_error("relative revision " + target + " is ambiguous: " + g[*at].id +
                                       " merges " + ids(g, parents));
            at = parents.empty() ? std::nullopt : std::optional<index>(parents.front());
        }
    }
    return at;
}

std::optional<index> resolve_relative(const graph::revision_graph& g, const std::vector<index>& current,
                                      const std::string& target, const std::string& anchor, long n) {
    std::optional<index> start;
    if (anchor.empty()) {
        if (!current.empty()) start = single_current(g, current, target);
    } else if (anchor == "head") {
        start = single_head(g);
    } else if (anchor != "base") {
        start = g.resolve_id(anchor);
    }
    return walk(g, start, n, target);
}

}  // namespace

std::vector<index> current_heads(const graph::revision_graph& g, const std::vector<std::string>& rows) {
    std::vector<index> out;
    for (const auto& row : rows) {
        auto found = g.find(row);
        if (!found)
            throw database_error("the version table names revision '" + row +
                                 "', which this runner does not know; is the runner older than the database?");
        out.push_back(*found);
    }
    for (index a : out) {
        auto above = g.descendants({a});
        for (index b : out)
            if (a != b && above[b])
                throw database_error("the version table is inconsistent: it holds both " + g[a].id +
                                     " and its descendant " + g[b].id);
    }
    return out;
}

std::vector<index> resolve_upgrade_target(const graph::revision_graph& g, const std::vector<index>& current,
                                          const std::string& target) {
    if (target == "head") return {single_head(g)};
    if (target == "heads") return g.heads();
    if (target == "base") return {};
    std::string anchor;
    long n = 0;
    if (split_relative(target, anchor, n)) {
        if (n < 0) throw usage_error("'" + target + "' goes down; use downgrade for that");
        auto at = resolve_relative(g, current, target, anchor, n);
        return at ? std::vector<index>{*at} : std::vector<index>{};
    }
    return {g.resolve_id(target)};
}

std::optional<index> resolve_downgrade_target(const graph::revision_graph& g, const std::vector<index>& current,
                                              const std::string& target) {
    if (target == "base") return std::nullopt;
    if (target == "head") return single_head(g);
    std::string anchor;
    long n = 0;
    if (split_relative(target, anchor, n)) {
        if (n > 0) throw usage_error("'" + target + "' goes up; use upgrade for that");
        if (anchor.empty() && current.empty())
            throw resolution_error("relative revision " + target + " goes below base: the database is at base");
        return resolve_relative(g, current, target, anchor, n);
    }
    return g.resolve_id(target);
}

std::vector<step> plan_upgrade(const graph::revision_graph& g, const std::vector<index>& current,
                               const std::vector<index>& destination) {
    auto applied = g.ancestors(current);
    auto wanted = g.ancestors(destination);
    std::vector<step> out;
    for (index i : g.topological_order())
        if (wanted[i] && !applied[i]) out.push_back({i, true});
    return out;
}

std::vector<step> plan_downgrade(const graph::revision_graph& g, const std::vector<index>& current,
                                 std::optional<index> destination) {
    auto applied = g.ancestors(current);
    std::vector<bool> remove(g.size());
    if (!destination) {
        remove = applied;
    } else {
        if (!applied[*destination])
            throw resolution_error("revision " + g[*destination].id +
                                   " is not applied, so the database cannot be downgraded to it (current: " +
                                   (current.empty() ? std::string("base") : ids(g, current)) + ")");
        auto above = g.descendants({*destination});
        for (index i = 0; i < g.size(); ++i) remove[i] = applied[i] && above[i] && i != *destination;
    }
    std::vector<step> out;
    const auto& order = g.topological_order();
    for (auto it = order.rbegin(); it != order.rend(); ++it)
        if (remove[*it]) out.push_back({*it, false});
    return out;
}

head_tracker::head_tracker(const graph::revision_graph& g, const std::vector<index>& current)
    : m_graph(g), m_rows(g.size()), m_applied(g.ancestors(current)) {
    for (index i : current) m_rows[i] = true;
}

version_change head_tracker::apply(const step& s) {
    version_change change;
    const std::string& id = m_graph[s.revision].id;
    if (s.upgrade) {
        std::vector<index> replaced;
        for (index d : m_graph.down_revisions(s.revision))
            if (m_rows[d]) replaced.push_back(d);
        if (replaced.empty()) {
            change.inserts.push_back(id);
        } else {
            change.updates.emplace_back(m_graph[replaced.front()].id, id);
            for (std::size_t k = 1; k < replaced.size(); ++k) change.deletes.push_back(m_graph[replaced[k]].id);
        }
        for (index d : replaced) m_rows[d] = false;
        m_rows[s.revision] = true;
        m_applied[s.revision] = true;
        return change;
    }

    m_rows[s.revision] = false;
    m_applied[s.revision] = false;
    std::vector<index> restored;
    for (index d : m_graph.down_revisions(s.revision)) {
        bool still_needed = false;
        for (auto list : {&m_graph.children(d), &m_graph.dependents(d)})
            for (index up : *list) still_needed = still_needed || m_applied[up];
        if (!still_needed && !m_rows[d]) restored.push_back(d);
    }
    if (restored.empty()) {
        change.deletes.push_back(id);
    } else {
        change.updates.emplace_back(id, m_graph[restored.front()].id);
        for (std::size_t k = 1; k < restored.size(); ++k) change.inserts.push_back(m_graph[restored[k]].id);
    }
    for (index d : restored) m_rows[d] = true;
    return change;
}

std::vector<index> head_tracker::heads() const {
    std::vector<index> out;
    for (index i = 0; i < m_rows.size(); ++i)
        if (m_rows[i]) out.push_back(i);
    return out;
}

}  // namespace retort::plan
