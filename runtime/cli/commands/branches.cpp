// branches: every branch point and the revisions it branches into (Alembic's `branches`).
#include "cli/commands.hpp"
#include "cli/format.hpp"
#include "cli/options.hpp"
#include "core/errors.hpp"

#include <nlohmann/json.hpp>

#include <iostream>

namespace retort::cli {

namespace po = boost::program_options;
using graph::index;

int cmd_branches(context& ctx, const std::vector<std::string>& args) {
    bool verbose = false, json = false;
    po::options_description desc;
    desc.add_options()("verbose,v", po::bool_switch(&verbose), "show each branch point in full")(
        "json", po::bool_switch(&json), "print JSON: the branch points and their children");
    if (!parse_command("branches", "runner branches [-v] [--json]\n\nLists the branch points, newest first, each with "
                                   "the revisions it branches into.\nExample: runner branches",
                       desc, {}, args))
        return exit_ok;
    graph::revision_map m(ctx.revisions->graph);
    nlohmann::json doc = {{"branch_points", nlohmann::json::array()}};
    for (index i : m.walk_revisions()) {
        if (!m.is_branch_point(i)) continue;
        if (json) {
            nlohmann::json entry = revision_json(m, i);
            entry["branches_into"] = nlohmann::json::array();
            for (index c : m.children(i)) entry["branches_into"].push_back(revision_json(m, c));
            doc["branch_points"].push_back(entry);
            continue;
        }
        line_options o;
        o.branch_labels = true;
        std::cout << revision_text(m, i, verbose, o) << "\n";
        line_options child;
        child.branch_labels = true;
        child.message = verbose;
        std::string indent(m.id(i).size(), ' ');
        for (std::size_t k = 0; k < m.children(i).size(); ++k)
            std::cout << (k ? "\n" : "") << indent << " -> " << revision_line(m, m.children(i)[k], child);
        std::cout << "\n\n";
    }
    if (json) print_json(doc);
    return exit_ok;
}

}  // namespace retort::cli
