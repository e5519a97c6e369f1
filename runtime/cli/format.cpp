#include "cli/format.hpp"

#include <nlohmann/json.hpp>

#include <iostream>

namespace retort::cli {

namespace {
std::string comma(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "" : ", ") + w;
    return out;
}

std::vector<std::string> ids(const graph::revision_map& m, const std::vector<graph::index>& revs) {
    std::vector<std::string> out;
    for (auto i : revs) out.push_back(m.id(i));
    return out;
}

std::string down(const graph::revision_map& m, graph::index i) {
    return m.parents(i).empty() ? "<base>" : comma(ids(m, m.parents(i)));
}

/// The revision's docstring in Alembic's template: message, then ID, parents and date.
std::vector<std::string> long_doc(const graph::revision_map& m, graph::index i) {
    const auto& rev = m.graph()[i];
    return {rev.message, "", "Revision ID: " + rev.id, "Revises: " + comma(ids(m, m.parents(i))),
            "Create Date: " + rev.created};
}
}  // namespace

std::string revision_line(const graph::revision_map& m, graph::index i, const line_options& o) {
    // Appended in place: `history` prints one line a revision, so no temporary strings.
    const auto& rev = m.graph()[i];
    std::string text;
    auto append_list = [&text](const auto& items, auto&& word) {
        bool first = true;
        for (const auto& item : items) {
            if (!first) text += ", ";
            text += word(item);
            first = false;
        }
    };
    auto same = [](const std::string& w) -> const std::string& { return w; };
    if (o.parents) {
        if (m.parents(i).empty()) text += "<base>";
        else append_list(m.parents(i), [&m](graph::index p) -> const std::string& { return m.id(p); });
        if (!rev.depends_on.empty()) {
            text += " (";
            append_list(rev.depends_on, same);
            text += ')';
        }
        text += " -> ";
    }
    text += rev.id;
    if (o.branch_labels && !m.branch_labels(i).empty()) {
        text += " (";
        append_list(m.branch_labels(i), same);
        text += ')';
    }
    if (o.head || o.tree) {
        if (m.is_real_head(i)) text += " (head)";
        else if (m.is_head(i)) text += " (effective head)";
        if (o.current) text += " (current)";
    }
    if (o.tree) {
        if (m.is_branch_point(i)) text += " (branchpoint)";
        if (m.is_merge_point(i)) text += " (mergepoint)";
    }
    if (o.message) {
        text += ", ";
        text += rev.message;
    }
    return text;
}

std::string revision_entry(const graph::revision_map& m, graph::index i, bool current) {
    const auto& rev = m.graph()[i];
    std::string out = "Rev: " + rev.id + (m.is_head(i) ? " (head)" : "") + (m.is_branch_point(i) ? " (branchpoint)" : "") +
                      (m.is_merge_point(i) ? " (mergepoint)" : "") + (current ? " (current)" : "") + "\n";
    out += (m.is_merge_point(i) ? "Merges: " : "Parent: ") + down(m, i) + "\n";
    if (!rev.depends_on.empty()) out += "Also depends on: " + comma(rev.depends_on) + "\n";
    if (m.is_branch_point(i)) out += "Branches into: " + comma(ids(m, m.children(i))) + "\n";
    if (!m.branch_labels(i).empty()) out += "Branch names: " + comma(m.branch_labels(i)) + "\n";
    out += "Path: " + rev.path + "\n\n";
    auto doc = long_doc(m, i);
    for (std::size_t k = 0; k < doc.size(); ++k) {
        if (k) out += '\n';
        out += "    ";
        out += doc[k];
    }
    out += '\n';
    return out;
}

std::string revision_text(const graph::revision_map& m, graph::index i, bool verbose, const line_options& o) {
    return verbose ? revision_entry(m, i, o.current) : revision_line(m, i, o);
}

nlohmann::json revision_json(const graph::revision_map& m, graph::index i, bool current) {
    const auto& rev = m.graph()[i];
    nlohmann::json out = {
        {"revision", rev.id},
        {"parents", ids(m, m.parents(i))},
        {"depends_on", rev.depends_on},
        {"branch_labels", m.branch_labels(i)},
        {"own_branch_labels", rev.branch_labels},
        {"children", ids(m, m.children(i))},
        {"message", rev.message},
        {"created", rev.created},
        {"path", rev.path},
        {"is_head", m.is_real_head(i)},
        {"is_effective_head", m.is_head(i)},
        {"is_branch_point", m.is_branch_point(i)},
        {"is_merge_point", m.is_merge_point(i)},
        {"is_base", m.parents(i).empty()},
    };
    if (current) out["is_current"] = true;
    return out;
}

void print_json(nlohmann::json fields) {
    fields["format"] = json_format;
    std::cout << fields.dump() << "\n";
}

std::vector<std::string> revision_ids(const graph::revision_map& m, const std::vector<graph::index>& revisions) {
    std::vector<std::string> out;
    for (graph::index i : revisions) out.push_back(m.id(i));
    return out;
}

}  // namespace retort::cli
