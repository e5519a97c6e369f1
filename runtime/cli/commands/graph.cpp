// graph: the revision graph as Graphviz DOT (Boost.Graph's write_graphviz), or as SVG through
// Graphviz's `dot`. Edges run from parent to child; depends_on edges are dashed. Heads, bases,
// branch points and merge points are styled apart, and the database's current revisions too
// when a database is asked for (-d URL, or -i with the configured one).
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "core/errors.hpp"
#include "graph/revision_map.hpp"

// GCC 12 at -O3 sees a maybe-uninitialized optional inside Boost.Graph's edge iterator (a false
// positive in Boost's headers, not in this file).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphviz.hpp>
#pragma GCC diagnostic pop

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace retort::cli {

namespace po = boost::program_options;
using graph::index;

namespace {

struct node {
    std::string id, attributes;
};
struct edge {
    bool dependency = false;
};
using dot_graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, node, edge>;

/// A DOT string literal: quotes and backslashes escaped, line breaks as DOT's \n.
std::string dot_string(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out + "\"";
}

std::string node_attributes(const graph::revision_map& m, index i, bool current) {
    const auto& r = m.graph()[i];
    std::string label = r.message.empty() ? r.id : r.message;
    std::string labels;
    for (const auto& l : m.branch_labels(i)) labels += (labels.empty() ? "" : ", ") + l;
    if (!labels.empty()) label += "\n(" + labels + ")";
    std::string fill = "white", color = "black", roles;
    double pen = 1;
    // Later roles win the colour they share; every role is also named in the tooltip.
    if (m.parents(i).empty()) fill = "#dbe8f7", roles += " base";
    if (m.is_branch_point(i)) color = "#d9822b", pen = 2.5, roles += " branch-point";
    if (m.is_merge_point(i)) color = "#7b3294", pen = 2.5, roles += " merge-point";
    if (m.is_head(i)) fill = "#d5f0d0", roles += " head";
    if (current) fill = "#ffd54f", pen = 3.5, roles += " current";
    std::ostringstream a;
    a << "[label=" << dot_string(label) << ", tooltip=" << dot_string(r.id + roles) << ", fillcolor=" << dot_string(fill)
      << ", color=" << dot_string(color) << ", penwidth=" << pen << (m.is_head(i) ? ", peripheries=2" : "") << "]";
    return a.str();
}

/// The revisions `-r START:END` keeps, as `history` walks them ("current" included).
std::vector<bool> in_range(const graph::revision_map& m, const std::string& range, const std::vector<std::string>& rows) {
    std::vector<bool> keep(m.size(), range.empty());
    if (range.empty()) return keep;
    auto colon = range.find(':');
    if (colon == std::string::npos) throw usage_error("a graph range needs a colon: START:END, START: or :END");
    std::string start = colon > 0 ? range.substr(0, colon) : "base";
    std::string end = colon + 1 < range.size() ? range.substr(colon + 1) : "heads";
    for (std::string* t : {&start, &end}) {
        if (*t != "current") continue;
        if (rows.size() > 1)
            throw usage_error("graph -r with 'current' needs a single current revision; the database has " +
                              std::to_string(rows.size()));
        *t = rows.empty() ? "base" : rows.front();
    }
    for (index i : m.walk_revisions(start, end)) keep[i] = true;
    return keep;
}

std::string dot_text(const graph::revision_map& m, const std::vector<bool>& keep, const std::vector<std::string>& rows) {
    const auto& g = m.graph();
    dot_graph out;
    std::vector<dot_graph::vertex_descriptor> vertex(g.size());
    for (index i : g.topological_order()) {
        if (!keep[i]) continue;
        bool current = std::find(rows.begin(), rows.end(), g[i].id) != rows.end();
        vertex[i] = boost::add_vertex(node{g[i].id, node_attributes(m, i, current)}, out);
    }
    for (index i : g.topological_order()) {
        if (!keep[i]) continue;
        for (index p : g.parents(i))
            if (keep[p]) boost::add_edge(vertex[p], vertex[i], edge{false}, out);
        for (index d : g.dependencies(i))
            if (keep[d]) boost::add_edge(vertex[d], vertex[i], edge{true}, out);
    }
    std::ostringstream text;
    boost::write_graphviz(
        text, out, [&](std::ostream& os, auto v) { os << out[v].attributes; },
        [&](std::ostream& os, auto e) {
            if (out[e].dependency) os << "[style=dashed, arrowhead=empty, tooltip=\"depends_on\"]";
        },
        [](std::ostream& os) {
            os << "rankdir=TB;\nnode [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\"];\n"
                  "edge [color=\"#555555\"];\n";
        },
        boost::get(&node::id, out));
    return text.str();
}

/// `dot` on PATH, or empty.
std::string find_dot() {
    const char* path = std::getenv("PATH");
    std::istringstream dirs(path ? path : "");
    for (std::string dir; std::getline(dirs, dir, ':');) {
        auto candidate = std::filesystem::path(dir.empty() ? "." : dir) / "dot";
        if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
    }
    return {};
}

/// Pipes the DOT text through `dot -Tsvg`, whose output goes to ours.
void write_svg(const std::string& dot) {
    std::string program = find_dot();
    if (program.empty())
        throw error("--format svg needs Graphviz's dot, which is not on PATH (Debian: apt-get install graphviz); "
                    "--format dot writes the DOT text");
    std::cout.flush();
    std::string command = "'" + program + "' -Tsvg";  // PATH entries hold no quote in practice
    if (program.find('\'') != std::string::npos) throw error("cannot run dot from a folder whose name holds a quote");
    FILE* pipe = ::popen(command.c_str(), "w");
    if (!pipe) throw error("cannot start " + program);
    std::fwrite(dot.data(), 1, dot.size(), pipe);
    int status = ::pclose(pipe);
    if (status != 0) throw error("dot -Tsvg failed (status " + std::to_string(status) + ")");
}

}  // namespace

int cmd_graph(context& ctx, const std::vector<std::string>& args) {
    std::string format = "dot", range;
    bool indicate = false;
    po::options_description desc;
    desc.add_options()("format", po::value(&format), "dot (default) or svg (through Graphviz's dot)")(
        "rev-range,r", po::value(&range), "only revisions in START:END, as history walks them")(
        "indicate-current,i", po::bool_switch(&indicate),
        "highlight the database's current revisions (also done when -d is given)");
    if (!parse_command("graph",
                       "runner graph [--format dot|svg] [-r START:END] [-i]\n\n"
                       "Writes the revision graph in Graphviz DOT (or SVG): one node a revision, edges from\n"
                       "parent to child, depends_on dashed; heads (double border, green), bases (blue), branch\n"
                       "points (orange) and merge points (purple) styled apart; current revisions yellow.\n"
                       "Example: runner graph --format svg > graph.svg",
                       desc, {}, args))
        return exit_ok;
    if (format != "dot" && format != "svg") throw usage_error("--format takes dot or svg, not '" + format + "'");
    graph::revision_map m(ctx.revisions->graph);
    std::vector<std::string> rows;
    if (indicate || ctx.settings.url.source == "--database-url" || range.find("current") != std::string::npos) {
        for (index i : database_heads(ctx)) rows.push_back(m.id(i));
    }
    std::string dot = dot_text(m, in_range(m, range, rows), rows);
    if (format == "svg")
        write_svg(dot);
    else
        std::cout << dot;
    return exit_ok;
}

}  // namespace retort::cli
