// Read-only commands: current, history, heads.
#include "cli/commands.hpp"
#include "cli/format.hpp"
#include "cli/options.hpp"
#include "core/errors.hpp"
#include "db/session.hpp"

#include <iostream>

namespace retort::cli {

namespace po = boost::program_options;
using graph::index;

int cmd_current(context& ctx, const std::vector<std::string>& args) {
    bool verbose = false;
    po::options_description desc;
    desc.add_options()("verbose,v", po::bool_switch(&verbose), "show each revision in full");
    if (!parse_command("current", "runner current [-v]\n\nShows the revisions the database is at.\n"
                                  "Example: runner -d postgresql://app@localhost/app current",
                       desc, {}, args))
        return exit_ok;
    db::session s(ctx.database_url);
    const auto& g = ctx.revisions->graph;
    for (index i : database_heads(ctx, s))
        std::cout << (verbose ? revision_block(g, i, false) : revision_line(g, i, {})) << "\n";
    return exit_ok;
}

int cmd_history(context& ctx, const std::vector<std::string>& args) {
    bool verbose = false;
    po::options_description desc;
    desc.add_options()("verbose,v", po::bool_switch(&verbose), "show each revision in full");
    if (!parse_command("history", "runner history [-v]\n\nLists the revisions, newest first.\nExample: runner history",
                       desc, {}, args))
        return exit_ok;
    const auto& g = ctx.revisions->graph;
    line_options o;
    o.parents = o.branch_labels = o.message = true;
    for (index i : history_order(g))
        std::cout << (verbose ? revision_block(g, i, false) : revision_line(g, i, o)) << "\n";
    return exit_ok;
}

int cmd_heads(context& ctx, const std::vector<std::string>& args) {
    bool verbose = false, check = false;
    po::options_description desc;
    desc.add_options()("verbose,v", po::bool_switch(&verbose), "show each head in full")(
        "check", po::bool_switch(&check), "exit 3 when there is more than one head (for CI)");
    if (!parse_command("heads", "runner heads [-v] [--check]\n\nLists the revisions nothing builds on yet.\n"
                                "Example: runner heads --check",
                       desc, {}, args))
        return exit_ok;
    const auto& g = ctx.revisions->graph;
    auto heads = g.heads();
    line_options o;
    o.branch_labels = true;
    o.tree = false;
    for (index i : heads) std::cout << (verbose ? revision_block(g, i, false) : revision_line(g, i, o)) << "\n";
    if (check && heads.size() > 1) {
        std::string names;
        for (index i : heads) names += (names.empty() ? "" : ", ") + g[i].id;
        throw error("there are " + std::to_string(heads.size()) + " heads (" + names +
                        "); merge them with: mkrev --merge \"merge heads\"",
                    exit_multiple_heads);
    }
    return exit_ok;
}

}  // namespace retort::cli
