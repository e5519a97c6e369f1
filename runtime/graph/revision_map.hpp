// Alembic's revision model over a revision_graph: effective and real heads, normalized
// dependencies, propagated branch labels, the target language ("heads", "LABEL@head", "REV-2",
// prefixes) and the revision sets and orders a plan is made of. Each function states the Alembic
// behaviour it reproduces (alembic/script/revision.py, RevisionMap), because the differential
// test compares them one to one. Pure: no database, no files.
#pragma once

#include "graph/revision_graph.hpp"

#include <optional>
#include <string>
#include <vector>

namespace retort::graph {

/// A revision, or nothing (Alembic's None: below every base).
using maybe_rev = std::optional<index>;

/// Where a relative walk ends: a revision, "base" (walked down past a base) or nowhere.
struct walk_end {
    enum kind_t { nowhere, base, revision } kind = nowhere;
    index rev = 0;
};

class revision_map {
public:
    explicit revision_map(const revision_graph& g);

    const revision_graph& graph() const { return m_graph; }
    std::size_t size() const { return m_graph.size(); }
    const std::string& id(index i) const { return m_graph[i].id; }

    // --- facts, in file order (the order Alembic's generator yields revisions) ---
    const std::vector<index>& heads() const { return m_heads; }            ///< no child (dependents allowed)
    const std::vector<index>& real_heads() const { return m_real_heads; }  ///< no child, no dependent
    const std::vector<index>& bases() const { return m_bases; }            ///< no parent
    const std::vector<index>& real_bases() const { return m_real_bases; }  ///< no parent, no dependency
    const std::vector<index>& children(index i) const { return m_graph.children(i); }
    const std::vector<index>& parents(index i) const { return m_graph.parents(i); }
    /// Parents, then the dependencies no ancestor already depends on.
    const std::vector<index>& normalized_down(index i) const {
        return m_normalized_down[i].empty() ? parents(i) : m_normalized_down[i];
    }
    bool has_normalized_dependencies(index i) const { return normalized_down(i).size() > parents(i).size(); }
    bool is_head(index i) const { return children(i).empty(); }
    bool is_real_head(index i) const { return children(i).empty() && m_graph.dependents(i).empty(); }
    bool is_branch_point(index i) const { return children(i).size() > 1; }
    bool is_real_branch_point(index i) const;
    bool is_merge_point(index i) const { return parents(i).size() > 1; }
    /// Own labels plus those Alembic spreads along the branch; sorted.
    const std::vector<std::string>& branch_labels(index i) const { return m_labels[i]; }

    // --- sets (index order); with deps: through dependencies too ---
    index_set ancestors(const std::vector<index>& from, bool with_deps = true) const;
    index_set descendants(const std::vector<index>& from, bool with_deps = true) const;

    // --- the target language ---
    /// Every revision a target names: "heads", "head", "base", "LABEL@...", an ID, prefix or
    /// label, "-N" (walk down from every head). nullopt entries: walks that ran out.
    std::vector<maybe_rev> get_revisions(const std::string& target) const;
    std::vector<maybe_rev> get_revisions(const std::vector<std::string>& targets) const;
    /// Exactly one revision (or base); several heads throw.
    maybe_rev get_revision(const std::string& target) const;
    /// `id` exact, a label, or a prefix of more than 3 characters; optionally within a branch.
    maybe_rev revision_for_ident(const std::optional<std::string>& id,
                                 const std::optional<std::string>& branch = std::nullopt) const;
    /// The single head ("head", or "LABEL@head" when branch is set); several throw.
    maybe_rev current_head(const std::optional<std::string>& branch = std::nullopt) const;
    /// The targets related (ancestor or descendant) to what `check_against` names.
    std::vector<index> filter_for_lineage(const std::vector<index>& targets, const std::string& check_against,
                                          bool with_deps = false) const;
    walk_end walk(walk_end start, long steps, const std::optional<std::string>& branch = std::nullopt,
                  bool no_overwalk = true) const;

    /// The revisions between `upper` (target) and `lower` (current rows, or a start text), to
    /// upgrade, and the targets; Alembic's _collect_upgrade_revisions.
    struct collected {
        index_set revisions;
        std::vector<index> heads;
    };
    collected collect_upgrade(const std::string& upper, const std::vector<std::string>& lower, bool lower_is_text,
                              bool inclusive, bool implicit_base, bool assert_relative_length = true) const;
    collected collect_downgrade(const std::vector<std::string>& upper, const std::string& target,
                                bool assert_relative_length = true) const;
    /// Alembic's ordering of a revision set: from the heads down, each branch as far as it goes.
    std::vector<index> topological_sort(const index_set& revisions, const std::vector<index>& heads) const;

    /// The version-table rows plus their ancestors, reduced to branch tips (`current`).
    std::vector<index> all_current(const std::vector<std::string>& rows) const;

    /// History order (newest first) between two targets; Alembic's walk_revisions.
    std::vector<index> walk_revisions(const std::string& base = "base", const std::string& head = "heads") const;

private:
    std::pair<std::vector<std::string>, std::optional<std::string>> resolve_number(
        const std::optional<std::string>& target) const;
    maybe_rev resolve_branch(const std::string& label) const;
    maybe_rev lookup(const std::string& key) const;
    bool shares_lineage(index target, const std::vector<std::string>& against, bool with_deps) const;
    std::pair<std::optional<std::string>, walk_end> parse_downgrade_target(const std::vector<std::string>& current,
                                                                           const std::string& target,
                                                                           bool assert_relative_length) const;
    std::vector<walk_end> parse_upgrade_target(const std::vector<std::string>& current, const std::string& target,
                                               bool assert_relative_length) const;
    void check_no_overlap(const std::vector<index>& targets) const;
    std::string names(const std::vector<index>& revs) const;

    const revision_graph& m_graph;
    std::vector<index> m_heads, m_real_heads, m_bases, m_real_bases;
    std::vector<std::vector<index>> m_normalized_down;  ///< empty: the parents (no dependencies)
    std::vector<std::vector<std::string>> m_labels;
    std::vector<std::pair<std::string, index>> m_label_keys;  ///< label -> carrying revision, file order
};

}  // namespace retort::graph
