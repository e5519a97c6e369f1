#include "plan/planner.hpp"

#include "core/errors.hpp"

#include <algorithm>

namespace retort::plan {

namespace {
bool contains(const std::vector<index>& v, index i) { return std::find(v.begin(), v.end(), i) != v.end(); }
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

std::vector<step> plan_upgrade(const revision_map& m, const std::vector<std::string>& current, const std::string& target) {
    auto c = m.collect_upgrade(target, current, false, false, true);
    auto order = m.topological_sort(c.revisions, c.heads);
    std::vector<step> out;
    for (auto it = order.rbegin(); it != order.rend(); ++it) out.push_back({*it, true});
    return out;
}

std::vector<step> plan_downgrade(const revision_map& m, const std::vector<std::string>& current, const std::string& target) {
    auto c = m.collect_downgrade(current, target);
    std::vector<step> out;
    for (index i : m.topological_sort(c.revisions, c.heads)) out.push_back({i, false});
    return out;
}

std::vector<std::string> offline_start(const revision_map& m, const std::string& start) {
    if (start.empty() || start == "base") return {};
    auto r = m.get_revision(start);
    if (!r) return {};
    return {m.id(*r)};
}

std::vector<stamp_step> plan_stamp(const revision_map& m, const std::vector<std::string>& current,
                                   const std::vector<std::string>& targets_in) {
    std::vector<std::string> targets = targets_in;
    if (targets.empty()) targets.push_back("base");
    std::vector<index> heads;
    for (auto r : m.get_revisions(current))
        if (r) heads.push_back(*r);
    std::vector<index> filtered;
    for (const auto& t : targets)
        if (!t.empty())
            for (index h : m.filter_for_lineage(heads, t, true))
                if (!contains(filtered, h)) filtered.push_back(h);
    std::vector<graph::maybe_rev> dests = m.get_revisions(targets);
    if (dests.empty()) dests.push_back(std::nullopt);
    std::vector<stamp_step> out;
    for (auto dest : dests) {
        if (!dest) {
            for (index h : filtered) out.push_back({{h}, {}, false, true});
            continue;
        }
        if (contains(filtered, *dest)) continue;
        auto above = m.descendants({*dest});
        auto below = m.ancestors({*dest});
        bool heads_above = false, heads_below = false;
        for (index h : filtered) {
            heads_above = heads_above || above[h];
            heads_below = heads_below || below[h];
        }
        if (heads_above) out.push_back({filtered, {*dest}, false, false});
        else if (heads_below) out.push_back({filtered, {*dest}, true, false});
        else out.push_back({{}, {*dest}, true, true});
    }
    return out;
}

head_tracker::head_tracker(const revision_map& m, const std::vector<index>& rows) : m_map(m), m_rows(m.size()) {
    for (index i : rows) m_rows[i] = true;
}

std::vector<index> head_tracker::heads() const {
    std::vector<index> out;
    for (index i = 0; i < m_rows.size(); ++i)
        if (m_rows[i]) out.push_back(i);
    return out;
}

void head_tracker::insert(index i, version_change& c) {
    if (m_rows[i]) throw error("version table: cannot insert " + m_map.id(i) + ", it is already there");
    m_rows[i] = true;
    c.inserts.push_back(m_map.id(i));
}

void head_tracker::remove(index i, version_change& c) {
    if (!m_rows[i]) throw error("version table: cannot delete " + m_map.id(i) + ", it is not there");
    m_rows[i] = false;
    c.deletes.push_back(m_map.id(i));
}

void head_tracker::update(index from, index to, version_change& c) {
    if (m_rows[to]) throw error("version table: cannot move " + m_map.id(from) + " to " + m_map.id(to) + ", which is already there");
    if (!m_rows[from]) throw error("version table: cannot move " + m_map.id(from) + ", it is not there");
    m_rows[from] = false;
    m_rows[to] = true;
    c.updates.emplace_back(m_map.id(from), m_map.id(to));
}

/// `keep` minus the ancestors of every current row not in `except`: the rows a merge replaces,
/// or the revisions an unmerge brings back, when other heads already cover some of them.
std::vector<index> head_tracker::outside_ancestors(const std::vector<index>& keep, const std::vector<index>& except) const {
    std::vector<index> others;
    for (index h : heads())
        if (!contains(except, h)) others.push_back(h);
    if (others.empty()) return keep;
    auto below = m_map.ancestors(others);
    std::vector<index> out;
    for (index k : keep)
        if (!below[k]) out.push_back(k);
    return out;
}

version_change head_tracker::apply(const step& s) {
    version_change c;
    const index r = s.revision;
    const auto& down = m_map.normalized_down(r);
    std::size_t down_rows = 0;
    for (index d : down) down_rows += m_rows[d] ? 1 : 0;
    if (!s.upgrade && m_rows[r] && (down.empty() || outside_ancestors(down, {r}).empty())) {
        remove(r, c);  // the branch ends
    } else if (s.upgrade && (down.empty() || down_rows == 0)) {
        insert(r, c);  // a new branch starts
    } else if (s.upgrade && down.size() > 1 && down_rows > 1) {
        auto from = outside_ancestors(down, down);  // merge: the rows it replaces
        if (from.empty()) throw error("version table: merge " + m_map.id(r) + " replaces no row");
        for (std::size_t k = 0; k + 1 < from.size(); ++k) remove(from[k], c);
        update(from.back(), r, c);
    } else if (!s.upgrade && m_rows[r] && down.size() > 1) {
        auto to = outside_ancestors(down, {r});  // unmerge: the rows it brings back
        for (std::size_t k = 0; k + 1 < to.size(); ++k) insert(to[k], c);
        update(r, to.back(), c);
    } else {
        index d = down.empty() ? r : down.front();
        if (down.size() != 1) {
            std::vector<index> present;
            for (index x : down)
                if (m_rows[x]) present.push_back(x);
            if (present.size() != 1)
                throw error("version table: cannot tell which row " + m_map.id(r) + " replaces");
            d = present.front();
        }
        if (s.upgrade) update(d, r, c);
        else update(r, d, c);
    }
    return c;
}

version_change head_tracker::apply(const stamp_step& s) {
    version_change c;
    std::size_t from_missing = 0, to_missing = 0;
    for (index f : s.from) from_missing += m_rows[f] ? 0 : 1;
    for (index t : s.to) to_missing += m_rows[t] ? 0 : 1;
    if (!s.upgrade && s.branch_move) {
        remove(s.from.front(), c);
    } else if (s.upgrade && (s.branch_move || from_missing > 0) && to_missing > 0) {
        insert(s.to.front(), c);
    } else if (s.from.size() > 1) {
        for (std::size_t k = 0; k + 1 < s.from.size(); ++k) remove(s.from[k], c);
        update(s.from.back(), s.to.front(), c);
    } else if (s.to.size() > 1) {
        for (std::size_t k = 0; k + 1 < s.to.size(); ++k) insert(s.to[k], c);
        update(s.from.front(), s.to.back(), c);
    } else {
        if (s.from.size() != 1 || s.to.size() != 1) throw error("version table: a stamp step without a single source");
        update(s.from.front(), s.to.front(), c);
    }
    return c;
}

}  // namespace retort::plan
