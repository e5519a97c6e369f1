// graph_driver: answers revision-graph questions for the differential test, one line each, so
// a Python process can ask Alembic's RevisionMap the same and compare. Input (stdin):
//   graph N                      then N lines ID|PARENTS|LABELS|DEPENDS_ON (comma-separated)
//   q KIND ROWS [TARGET...]      ROWS: comma-separated version rows, or '-' for none
// KIND: heads real_heads bases real_bases branchpoints labels history range current
//       upgrade downgrade stamp. Output: the answer, or "error" when Retort refuses.
#include "core/errors.hpp"
#include "graph/revision_map.hpp"
#include "plan/planner.hpp"

#include <algorithm>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

using namespace retort;
using graph::index;

namespace {

std::vector<std::string> split(const std::string& text, char sep) {
    std::vector<std::string> out;
    std::string word;
    std::istringstream in(text);
    while (std::getline(in, word, sep))
        if (!word.empty()) out.push_back(word);
    return out;
}

std::string join_ids(const graph::revision_map& m, const std::vector<index>& revs, char sep = ' ') {
    std::string out;
    for (index i : revs) out += (out.empty() ? "" : std::string(1, sep)) + m.id(i);
    return out;
}

std::string sorted_rows(const graph::revision_map& m, const std::vector<index>& rows) {
    std::vector<std::string> ids;
    for (index i : rows) ids.push_back(m.id(i));
    std::sort(ids.begin(), ids.end());
    std::string out;
    for (const auto& s : ids) out += (out.empty() ? "" : ",") + s;
    return out;
}

std::vector<index> row_indices(const graph::revision_map& m, const std::vector<std::string>& rows) {
    std::vector<index> out;
    for (const auto& r : rows) out.push_back(*m.graph().find(r));
    return out;
}

std::string answer(const graph::revision_map& m, const std::string& kind, const std::vector<std::string>& rows,
                   const std::vector<std::string>& args) {
    auto filter = [&](auto keep) {
        std::vector<index> out;
        for (index i = 0; i < m.size(); ++i)
            if (keep(i)) out.push_back(i);
        return out;
    };
    if (kind == "heads") return join_ids(m, m.heads());
    if (kind == "real_heads") return join_ids(m, m.real_heads());
    if (kind == "bases") return join_ids(m, m.bases());
    if (kind == "real_bases") return join_ids(m, m.real_bases());
    if (kind == "branchpoints") return join_ids(m, filter([&](index i) { return m.is_branch_point(i); }));
    if (kind == "labels") {
        std::string out;
        for (index i = 0; i < m.size(); ++i) {
            if (m.branch_labels(i).empty()) continue;
            std::string labels;
            for (const auto& l : m.branch_labels(i)) labels += (labels.empty() ? "" : ",") + l;
            out += (out.empty() ? "" : ";") + m.id(i) + ":" + labels;
        }
        return out;
    }
    if (kind == "history") return join_ids(m, m.walk_revisions());
    if (kind == "range") return join_ids(m, m.walk_revisions(args.at(0), args.at(1)));
    if (kind == "current") return sorted_rows(m, m.all_current(rows));
    plan::head_tracker tracker(m, row_indices(m, rows));
    std::string out;
    if (kind == "stamp") {
        for (const auto& s : plan::plan_stamp(m, rows, args)) tracker.apply(s);
    } else {
        auto steps = kind == "upgrade" ? plan::plan_upgrade(m, rows, args.at(0)) : plan::plan_downgrade(m, rows, args.at(0));
        for (const auto& s : steps) {
            out += (out.empty() ? "" : " ") + std::string(s.upgrade ? "+" : "-") + m.id(s.revision);
            tracker.apply(s);
        }
    }
    return out + "|" + sorted_rows(m, tracker.heads());
}

}  // namespace

int main() {
    std::unique_ptr<graph::revision_graph> g;
    std::unique_ptr<graph::revision_map> m;
    std::string line;
    while (std::getline(std::cin, line)) {
        std::istringstream in(line);
        std::string word;
        in >> word;
        if (word == "graph") {
            std::size_t n = 0;
            in >> n;
            std::vector<graph::revision_info> revs;
            for (std::size_t k = 0; k < n && std::getline(std::cin, line); ++k) {
                std::vector<std::string> parts(4);
                std::size_t at = 0, f = 0;
                for (std::size_t bar; f < 4 && (bar = line.find('|', at)) != std::string::npos; at = bar + 1)
                    parts[f++] = line.substr(at, bar - at);
                if (f < 4) parts[f] = line.substr(at);
                revs.push_back({parts[0], split(parts[1], ','), split(parts[2], ','), split(parts[3], ','), "m", "", parts[0]});
            }
            m.reset();
            g = std::make_unique<graph::revision_graph>(std::move(revs));
            m = std::make_unique<graph::revision_map>(*g);
            continue;
        }
        std::string kind, rows_text;
        in >> kind >> rows_text;
        std::vector<std::string> args;
        while (in >> word) args.push_back(word);
        std::vector<std::string> rows = rows_text == "-" ? std::vector<std::string>{} : split(rows_text, ',');
        try {
            std::cout << answer(*m, kind, rows, args) << "\n";
        } catch (const retort::error&) {
            std::cout << "error\n";
        }
    }
    return 0;
}
