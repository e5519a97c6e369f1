#include "graph/revision_map.hpp"

#include "core/errors.hpp"
#include "core/suggest.hpp"

#include <algorithm>
#include <regex>
#include <set>

namespace retort::graph {

namespace {

bool contains(const std::vector<index>& v, index i) { return std::find(v.begin(), v.end(), i) != v.end(); }

std::vector<index> members(const index_set& s) {
    std::vector<index> out;
    for (index i = 0; i < s.size(); ++i)
        if (s[i]) out.push_back(i);
    return out;
}

/// Python's int() on a target such as "-2" or "3": an optional sign and 1 to 9 digits. Checked by
/// hand: compiling a std::regex was a tenth of `runner history` (docs/performance.md).
bool as_integer(const std::string& text, long& value) {
    std::size_t digits = text.size();
    if (!text.empty() && (text[0] == '+' || text[0] == '-')) --digits;
    if (digits < 1 || digits > 9) return false;
    for (std::size_t k = text.size() - digits; k < text.size(); ++k)
        if (text[k] < '0' || text[k] > '9') return false;
    value = std::stol(text);
    return true;
}

/// Whether a sign followed by a digit occurs in `text`: what every relative target contains.
bool has_signed_number(const std::string& text) {
    for (std::size_t k = 0; k + 1 < text.size(); ++k)
        if ((text[k] == '+' || text[k] == '-') && text[k + 1] >= '0' && text[k + 1] <= '9') return true;
    return false;
}

/// Alembic's relative target: [LABEL@][SYMBOL](+|-)N, matched at the start of the text.
struct relative_target {
    std::optional<std::string> label, symbol;
    long steps = 0;
};
std::optional<relative_target> match_relative(const std::string& text) {
    if (!has_signed_number(text)) return std::nullopt;  // "heads", an ID, a label: no regex to compile
    static const std::regex relative(R"((?:(.+?)@)?(\w+)?([+-][0-9]+))");
    std::smatch m;
    if (!std::regex_search(text, m, relative, std::regex_constants::match_continuous)) return std::nullopt;
    relative_target out;
    if (m[1].matched) out.label = m[1].str();
    if (m[2].matched) out.symbol = m[2].str();
    std::string digits = m[3].str();
    if (digits.size() > 10) throw resolution_error("relative revision " + digits + " is too large");
    out.steps = std::stol(digits);
    return out;
}

std::string produced_error(long steps) {
    std::string n = std::to_string(steps < 0 ? -steps : steps);
    return "relative revision " + std::string(steps < 0 ? "-" : "+") + n + " did not produce " + n + " migrations" +
           (steps < 0 ? " (it goes below base)" : "");
}

}  // namespace

revision_map::revision_map(const revision_graph& g) : m_graph(g) {
    const std::size_t n = g.size();
    for (index i = 0; i < n; ++i) {
        if (g.children(i).empty()) m_heads.push_back(i);
        if (g.children(i).empty() && g.dependents(i).empty()) m_real_heads.push_back(i);
        if (g.parents(i).empty()) m_bases.push_back(i);
        if (g.parents(i).empty() && g[i].depends_on.empty()) m_real_bases.push_back(i);
        for (const auto& label : g[i].branch_labels) m_label_keys.emplace_back(label, i);
    }
    // A dependency an ancestor (through parents) already declares adds nothing.
    // Only revisions with dependencies get a list of their own; the others' is their parents
    // (normalized_down()), so start-up copies no list a revision.
    m_normalized_down.resize(n);
    for (index i = 0; i < n; ++i) {
        if (g.dependencies(i).empty()) continue;  // most revisions: no walk (it made this O(n²))
        m_normalized_down[i] = g.parents(i);
        auto below = ancestors({i}, false);
        for (index d : g.dependencies(i)) {
            bool implied = false;
            for (index a = 0; a < n && !implied; ++a)
                if (below[a] && a != i) implied = contains(g.dependencies(a), d);
            if (!implied && !contains(m_normalized_down[i], d)) m_normalized_down[i].push_back(d);
        }
    }
    // Labels spread to every descendant and, when the labelled revision's branch is a plain line
    // up to its tip, down to the ancestors below it until a branch point or merge point.
    std::vector<std::set<std::string>> labels(n);
    for (index i = 0; i < n; ++i) {
        const auto& own = g[i].branch_labels;
        if (own.empty()) continue;
        auto above = descendants({i}, false);
        for (index d = 0; d < n; ++d)
            if (above[d]) labels[d].insert(own.begin(), own.end());
        index tip = i;
        bool line = true;
        while (line && !children(tip).empty()) {
            if (children(tip).size() > 1) line = false;
            else tip = children(tip).front();
        }
        if (!line) continue;
        for (index at = tip;;) {
            if (is_real_branch_point(at) || is_merge_point(at)) break;
            labels[at].insert(own.begin(), own.end());
            if (parents(at).empty()) break;
            at = parents(at).front();
        }
    }
    m_labels.resize(n);
    for (index i = 0; i < n; ++i) m_labels[i].assign(labels[i].begin(), labels[i].end());
}

bool revision_map::is_real_branch_point(index i) const {
    std::set<index> next(children(i).begin(), children(i).end());
    next.insert(m_graph.dependents(i).begin(), m_graph.dependents(i).end());
    return next.size() > 1;
}

// Through dependencies, Alembic follows only the normalized ones; the dropped ones are reached
// through the ancestor that declares them, so the sets are the graph's own.
index_set revision_map::ancestors(const std::vector<index>& from, bool with_deps) const {
    return m_graph.ancestors(from, with_deps);
}

index_set revision_map::descendants(const std::vector<index>& from, bool with_deps) const {
    return m_graph.descendants(from, with_deps);
}

std::string revision_map::names(const std::vector<index>& revs) const {
    std::string out;
    for (index i : revs) out += (out.empty() ? "" : ", ") + id(i);
    return out;
}

maybe_rev revision_map::lookup(const std::string& key) const {
    if (auto i = m_graph.find(key)) return *i;
    for (const auto& [label, i] : m_label_keys)
        if (label == key) return i;
    return std::nullopt;
}

std::pair<std::vector<std::string>, std::optional<std::string>> revision_map::resolve_number(
    const std::optional<std::string>& target) const {
    std::optional<std::string> label;
    std::optional<std::string> id = target;
    if (id) {
        auto at = id->find('@');
        if (at != std::string::npos) {
            label = id->substr(0, at);
            id = id->substr(at + 1);
        }
    }
    if (id == "heads") {
        if (label) {
            std::vector<std::string> out;
            for (index h : filter_for_lineage(m_heads, *label)) out.push_back(this->id(h));
            return {out, label};
        }
        std::vector<std::string> out;
        for (index h : m_real_heads) out.push_back(this->id(h));
        return {out, label};
    }
    if (id == "head") {
        auto h = current_head(label);
        if (h) return {{this->id(*h)}, label};
        return {{}, label};
    }
    if (!id || *id == "base") return {{}, label};
    return {{*id}, label};
}

maybe_rev revision_map::current_head(const std::optional<std::string>& branch) const {
    std::vector<index> hs = m_heads;
    if (branch) hs = filter_for_lineage(hs, *branch);
    if (hs.size() > 1)
        throw resolution_error("several head revisions are present for '" + (branch ? *branch + "@head" : "head") +
                               "' (" + names(hs) + "); name one, use LABEL@head to narrow to a branch, "
                               "or 'heads' for all of them");
    if (hs.empty()) return std::nullopt;
    return hs.front();
}

maybe_rev revision_map::resolve_branch(const std::string& label) const {
    if (auto i = lookup(label)) return i;
    try {
        return revision_for_ident(label);
    } catch (const resolution_error&) {
        std::vector<std::string> labels;
        for (const auto& [known, i] : m_label_keys) labels.push_back(known);
        throw resolution_error("no such branch: '" + label + "'" + did_you_mean(label, labels));
    }
}

maybe_rev revision_map::revision_for_ident(const std::optional<std::string>& ident,
                                           const std::optional<std::string>& branch) const {
    maybe_rev branch_rev;
    if (branch) branch_rev = resolve_branch(*branch);
    if (!ident) return std::nullopt;
    maybe_rev found = lookup(*ident);
    if (!found) {
        // Prefix match over IDs, then labels, as Alembic's map keys are ordered; short prefixes
        // (3 characters or fewer) never match.
        std::vector<std::string> keys;
        std::vector<index> revs;
        auto consider = [&](const std::string& key, index i) {
            if (key.size() > 3 && key.compare(0, ident->size(), *ident) == 0) {
                keys.push_back(key);
                revs.push_back(i);
            }
        };
        for (index i = 0; i < size(); ++i) consider(id(i), i);
        for (const auto& [label, i] : m_label_keys) consider(label, i);
        if (branch_rev) {
            std::vector<std::string> kept_keys;
            std::vector<index> kept;
            for (std::size_t k = 0; k < revs.size(); ++k)
                if (shares_lineage(revs[k], {*branch}, false)) {
                    kept_keys.push_back(keys[k]);
                    kept.push_back(revs[k]);
                }
            keys = kept_keys;
            revs = kept;
        }
        if (revs.empty()) {
            // A misspelled keyword or label ("hed", "heds", "bsae"); IDs are not spelled, so not offered.
            std::vector<std::string> words = {"head", "heads", "base"};
            for (const auto& [label, i] : m_label_keys) words.push_back(label);
            std::string hint = did_you_mean(*ident, words);
            if (hint.empty() && ident->size() < 4) hint = "; a partial revision ID needs at least four characters";
            throw resolution_error("no such revision or branch '" + *ident + "'" + hint);
        }
        if (revs.size() > 1) {
            std::string listed;
            for (const auto& k : keys) listed += (listed.empty() ? "" : ", ") + k;
            throw resolution_error("several revisions start with '" + *ident + "': " + listed, keys);
        }
        found = revs.front();
    }
    if (branch && !shares_lineage(*found, {id(*branch_rev)}, false))
        throw resolution_error("revision " + id(*found) + " is not a member of branch '" + *branch + "'");
    return found;
}

bool revision_map::shares_lineage(index target, const std::vector<std::string>& against, bool with_deps) const {
    if (against.empty()) return true;
    auto up = descendants({target}, with_deps);
    auto down = ancestors({target}, with_deps);
    std::vector<maybe_rev> resolved;  // all first: an unknown name is an error even after a match
    for (const auto& a : against) resolved.push_back(revision_for_ident(a));
    for (auto r : resolved)
        if (r && (up[*r] || down[*r])) return true;
    return false;
}

std::vector<index> revision_map::filter_for_lineage(const std::vector<index>& targets, const std::string& check_against,
                                                    bool with_deps) const {
    auto [ids, label] = resolve_number(check_against);
    std::vector<std::string> shares;
    if (label) shares.push_back(*label);
    shares.insert(shares.end(), ids.begin(), ids.end());
    std::vector<index> out;
    for (index t : targets)
        if (shares_lineage(t, shares, with_deps)) out.push_back(t);
    return out;
}

std::vector<maybe_rev> revision_map::get_revisions(const std::vector<std::string>& targets) const {
    std::vector<maybe_rev> out;
    for (const auto& t : targets)
        for (auto r : get_revisions(t)) out.push_back(r);
    return out;
}

std::vector<maybe_rev> revision_map::get_revisions(const std::string& target) const {
    auto [ids, label] = resolve_number(target);
    long n = 0;
    if (ids.size() == 1 && as_integer(ids.front(), n) && n < 0) {
        // LABEL@-N: walk down from every head (of that branch).
        std::vector<maybe_rev> out;
        for (index h : m_real_heads) {
            if (label && !std::binary_search(m_labels[h].begin(), m_labels[h].end(), *label)) continue;
            walk_end end = walk({walk_end::revision, h}, n);
            if (end.kind == walk_end::base)
                throw resolution_error("'" + target + "' walks down to base, which is not a revision here");
            out.push_back(end.kind == walk_end::revision ? maybe_rev(end.rev) : std::nullopt);
        }
        return out;
    }
    std::vector<maybe_rev> out;
    for (const auto& i : ids) out.push_back(revision_for_ident(i, label));
    return out;
}

maybe_rev revision_map::get_revision(const std::string& target) const {
    auto [ids, label] = resolve_number(target);
    if (ids.size() > 1)
        throw resolution_error("'" + target + "' names several revisions; name one");
    return revision_for_ident(ids.empty() ? std::nullopt : std::optional<std::string>(ids.front()), label);
}

walk_end revision_map::walk(walk_end start, long steps, const std::optional<std::string>& branch,
                            bool no_overwalk) const {
    walk_end at = start;
    for (long k = 0; k < (steps < 0 ? -steps : steps); ++k) {
        std::vector<walk_end> next;
        if (steps > 0) {
            std::vector<index> up = at.kind == walk_end::revision ? children(at.rev) : m_bases;
            if (branch) {
                std::vector<index> kept;
                for (index u : up)
                    if (!filter_for_lineage({u}, *branch).empty()) kept.push_back(u);
                up = kept;
            }
            for (index u : up) next.push_back({walk_end::revision, u});
        } else if (at.kind != walk_end::base) {
            const auto& down = at.kind == walk_end::revision ? parents(at.rev) : m_heads;
            for (index d : down) next.push_back({walk_end::revision, d});
            if (next.empty()) next.push_back({walk_end::base, 0});
        }
        if (next.empty()) return no_overwalk ? walk_end{} : at;
        if (next.size() > 1) throw resolution_error("ambiguous walk: the graph branches or merges on the way");
        at = next.front();
    }
    return at;
}

namespace {
walk_end as_walk(maybe_rev r) { return r ? walk_end{walk_end::revision, *r} : walk_end{}; }
}  // namespace

std::pair<std::optional<std::string>, walk_end> revision_map::parse_downgrade_target(
    const std::vector<std::string>& current, const std::string& target, bool assert_relative_length) const {
    if (auto rel = match_relative(target)) {
        if (rel->steps >= 0) {
            if (!rel->symbol) throw resolution_error(produced_error(rel->steps) + " (a downgrade goes down)");
            walk_end end = walk(as_walk(get_revision(*rel->symbol)), rel->steps, rel->label, assert_relative_length);
            if (end.kind == walk_end::nowhere) throw resolution_error("'" + target + "' walks past the end of the graph");
            return {rel->label, end};
        }
        std::optional<std::string> label = rel->label;
        std::string symbol;
        bool from_current = !rel->symbol;
        if (from_current) {
            if (label) {
                std::vector<index> cur;
                for (auto r : get_revisions(current))
                    if (r) cur.push_back(*r);
                auto on_branch = filter_for_lineage(cur, *label);
                if (on_branch.empty()) on_branch = filter_for_lineage(all_current(current), *label);
                if (on_branch.size() != 1)
                    throw resolution_error("'" + target + "': branch '" + *label + "' is not at exactly one current revision");
                symbol = id(on_branch.front());
            } else {
                if (current.empty()) throw resolution_error(produced_error(rel->steps) + ": the database is at base");
                std::set<std::string> distinct(current.begin(), current.end());
                if (distinct.size() > 1)
                    throw resolution_error("'" + target + "' is ambiguous: the database has several heads (" +
                                           [&] {
                                               std::string s;
                                               for (const auto& c : current) s += (s.empty() ? "" : ", ") + c;
                                               return s;
                                           }() +
                                           "); use BRANCH@" + target + " or REV" + target);
                symbol = current.front();
                label = symbol;
            }
        } else {
            symbol = *rel->symbol;
        }
        maybe_rev start = label ? get_revision(*label + "@" + symbol) : get_revision(symbol);
        walk_end end = walk(as_walk(start), rel->steps, std::nullopt, assert_relative_length);
        if (end.kind == walk_end::nowhere)
            throw resolution_error(from_current ? produced_error(rel->steps)
                                                : "'" + target + "' walks below base");
        return {label, end};
    }
    std::optional<std::string> label;
    std::string symbol = target;
    auto at = target.rfind('@');
    if (at != std::string::npos) {
        if (at > 0) label = target.substr(0, at);
        symbol = target.substr(at + 1);
    }
    return {label, as_walk(get_revision(symbol))};
}

std::vector<walk_end> revision_map::parse_upgrade_target(const std::vector<std::string>& current,
                                                         const std::string& target,
                                                         bool assert_relative_length) const {
    auto rel = match_relative(target);
    if (!rel) {
        std::vector<walk_end> out;
        for (auto r : get_revisions(target)) out.push_back(as_walk(r));
        return out;
    }
    if (rel->steps > 0) {
        if (rel->symbol)
            return {walk(as_walk(get_revision(*rel->symbol)), rel->steps, rel->label, assert_relative_length)};
        std::vector<maybe_rev> start;
        if (current.empty()) start.push_back(std::nullopt);
        for (const auto& c : current) start.push_back(revision_for_ident(c));
        if (rel->label) {
            std::vector<index> cur;
            for (auto r : get_revisions(current))
                if (r) cur.push_back(*r);
            auto on_branch = filter_for_lineage(cur, *rel->label);
            start.assign(on_branch.begin(), on_branch.end());
            if (start.empty()) {
                // The branch has no current head: start from the tips of what is applied on it.
                auto applied = members(ancestors(cur));
                auto active = filter_for_lineage(applied, *rel->label);
                index_set below(size());
                for (index a : active)
                    for (index d : normalized_down(a)) below[d] = true;
                for (index a : active)
                    if (!below[a]) start.push_back(a);
                if (start.empty()) start.push_back(std::nullopt);
            }
        }
        if (start.size() > 1) throw resolution_error("ambiguous upgrade from several current revisions");
        walk_end end = walk(as_walk(start.front()), rel->steps, rel->label, assert_relative_length);
        if (end.kind == walk_end::nowhere) throw resolution_error(produced_error(rel->steps));
        return {end};
    }
    if (!rel->symbol) throw resolution_error(produced_error(rel->steps) + " (an upgrade goes up)");
    maybe_rev start = rel->label ? get_revision(*rel->label + "@" + *rel->symbol) : get_revision(*rel->symbol);
    return {walk(as_walk(start), rel->steps, std::nullopt, assert_relative_length)};
}

void revision_map::check_no_overlap(const std::vector<index>& targets) const {
    for (index t : targets) {
        auto below = ancestors({t});
        for (index o : targets)
            if (o != t && below[o])
                throw resolution_error("requested revision " + id(t) + " overlaps with other requested revision " + id(o));
    }
}

revision_map::collected revision_map::collect_upgrade(const std::string& upper, const std::vector<std::string>& lower,
                                                      bool lower_is_text, bool inclusive, bool implicit_base,
                                                      bool assert_relative_length) const {
    std::vector<index> targets;
    for (const auto& w : parse_upgrade_target(lower, upper, assert_relative_length)) {
        if (w.kind != walk_end::revision) throw resolution_error("'" + upper + "' does not name a revision to upgrade to");
        targets.push_back(w.rev);
    }
    if (lower_is_text && lower.size() == 1 && lower.front().find('@') != std::string::npos) {
        // A named start (LABEL@...): only targets on that branch.
        std::string branch = lower.front().substr(0, lower.front().find('@'));
        maybe_rev branch_rev = get_revision(branch);
        if (branch_rev && id(*branch_rev) == branch) {
            if (m_labels[*branch_rev].size() != 1)
                throw resolution_error("revision " + branch + " does not carry exactly one branch label");
            branch = m_labels[*branch_rev].front();
        }
        std::vector<index> kept;
        for (index t : targets)
            if (std::binary_search(m_labels[t].begin(), m_labels[t].end(), branch)) kept.push_back(t);
        targets = kept;
    }
    check_no_overlap(targets);
    index_set required = ancestors(targets);
    std::vector<maybe_rev> current_revs = get_revisions(lower);
    std::vector<std::string> lower_text = lower;
    if (!current_revs.empty() && !current_revs.front()) {
        // A relative start ("-1") that get_revisions cannot place: resolve it as a downgrade would.
        walk_end w = parse_downgrade_target({upper}, lower.front(), assert_relative_length).second;
        current_revs.clear();
        lower_text.clear();
        if (w.kind == walk_end::revision) {
            current_revs.push_back(w.rev);
            lower_text.push_back(id(w.rev));
        } else if (w.kind == walk_end::nowhere) {
            throw resolution_error("'" + lower.front() + "' does not name a revision");
        }
    }
    std::vector<index> current;
    for (auto r : current_revs)
        if (r) current.push_back(*r);
    if (!implicit_base)
        for (index c : current)
            if (!required[c])
                throw resolution_error("revision " + id(c) + " is not an ancestor of '" + upper + "'");
    check_no_overlap(current);
    index_set have = ancestors(current);
    index_set needs(size());
    for (index i = 0; i < size(); ++i) needs[i] = required[i] && !have[i];
    if (inclusive)
        for (auto r : get_revisions(lower_text))
            if (r) needs[*r] = true;
    if (!current.empty() && !implicit_base) {
        auto above = descendants(current, false);
        for (index i = 0; i < size(); ++i) needs[i] = needs[i] && above[i];
    }
    return {needs, targets};
}

revision_map::collected revision_map::collect_downgrade(const std::vector<std::string>& upper,
                                                        const std::string& target,
                                                        bool assert_relative_length) const {
    auto [label, dest] = parse_downgrade_target(upper, target, assert_relative_length);
    std::vector<index> roots;
    if (dest.kind != walk_end::revision) roots = m_bases;
    else roots = children(dest.rev);
    if (label && roots.size() > 1) {
        maybe_rev branch = resolve_branch(*label);
        auto below = branch ? ancestors({*branch}, false) : index_set(size());
        std::vector<index> kept;
        for (index r : roots)
            if (below[r]) kept.push_back(r);
        roots = kept;
        if (roots.empty()) throw resolution_error("'" + target + "' is not a valid downgrade target from the current heads");
    }
    std::vector<index> heads;
    for (auto r : get_revisions(upper))
        if (r) heads.push_back(*r);
    index_set drop = descendants(roots);
    index_set active = ancestors(heads);
    bool any = false;
    for (index i = 0; i < size(); ++i) {
        drop[i] = drop[i] && active[i];
        any = any || drop[i];
    }
    if (dest.kind == walk_end::revision && !any && !contains(heads, dest.rev))
        throw resolution_error("revision " + id(dest.rev) + " is not applied, so there is nothing to downgrade to it");
    return {drop, heads};
}

std::vector<index> revision_map::topological_sort(const index_set& revisions, const std::vector<index>& heads) const {
    index_set todo = revisions;
    std::size_t remaining = std::count(todo.begin(), todo.end(), true);
    std::vector<index> current;
    for (index h : heads)
        if (todo[h] && !contains(current, h)) current.push_back(h);
    std::sort(current.begin(), current.end());
    std::vector<index_set> below;
    for (index h : current) below.push_back(ancestors({h}));
    std::vector<index> out;
    std::size_t at = 0;
    while (!current.empty()) {
        index candidate = current[at];
        // Another branch that needs this revision goes first.
        bool blocked = false;
        for (std::size_t k = 0; k < below.size(); ++k)
            if (k != at && below[k][candidate]) {
                at = k;
                blocked = true;
                break;
            }
        if (blocked) continue;
        if (todo[candidate]) {
            out.push_back(candidate);
            todo[candidate] = false;
            --remaining;
        }
        std::vector<index> next;
        for (index d : normalized_down(candidate))
            if (todo[d] && !contains(current, d)) next.push_back(d);
        if (next.empty()) {
            current.erase(current.begin() + static_cast<long>(at));
            below.erase(below.begin() + static_cast<long>(at));
            at = at > 0 ? at - 1 : 0;
        } else if (!has_normalized_dependencies(candidate) && parents(candidate).size() == 1) {
            current[at] = next.front();
            below[at][candidate] = false;
        } else {
            current[at] = next.front();
            below[at] = ancestors({next.front()});
            for (std::size_t k = 1; k < next.size(); ++k) {
                current.push_back(next[k]);
                below.push_back(ancestors({next[k]}));
            }
        }
    }
    if (remaining != 0)
        throw resolution_error("cannot order the revisions: some are reachable from no requested head");
    return out;
}

std::vector<index> revision_map::all_current(const std::vector<std::string>& rows) const {
    std::vector<index> top;
    for (auto r : get_revisions(rows))
        if (r) top.push_back(*r);
    index_set with_below = ancestors(top);
    std::vector<index> out;
    // A revision is a tip unless something above it is applied too. `with_below` holds every
    // parent of what it holds, so that is the case exactly when one of its children is in it:
    // one look per edge rather than a walk per revision (which was O(n²)).
    for (index i = 0; i < size(); ++i) {
        if (!with_below[i]) continue;
        bool covered = false;
        for (index c : children(i)) covered = covered || with_below[c];
        if (!covered) out.push_back(i);
    }
    return out;
}

std::vector<index> revision_map::walk_revisions(const std::string& base, const std::string& head) const {
    auto c = collect_upgrade(head, {base}, true, true, false, false);
    return topological_sort(c.revisions, c.heads);
}

}  // namespace retort::graph
