// current: the revisions the database is at (one database, or every target of a fleet).
#include "cli/commands.hpp"
#include "cli/fleet.hpp"
#include "cli/format.hpp"
#include "cli/options.hpp"
#include "core/errors.hpp"
#include "core/redact.hpp"

#include <nlohmann/json.hpp>

#include <iostream>

namespace retort::cli {

namespace po = boost::program_options;
using graph::index;

int cmd_current(context& ctx, const std::vector<std::string>& args) {
    bool verbose = false, json = false;
    po::options_description desc;
    desc.add_options()("verbose,v", po::bool_switch(&verbose), "show each revision in full")(
        "json", po::bool_switch(&json), "print JSON: the version rows and the current revisions");
    fleet_cli_options fleet;
    add_fleet_options(desc, fleet);
    if (!parse_command("current", "runner current [-v] [--json]\n\nShows the revisions the database is at.\n"
                                  "Example: runner -d postgresql://app@localhost/app current",
                       desc, {}, args))
        return exit_ok;
    if (fleet.requested()) return run_fleet_command(ctx, {"current", "heads"}, fleet, {});
    graph::revision_map m(ctx.revisions->graph);
    auto rows = revision_ids(m, read_database_heads(ctx));
    auto current = m.all_current(rows);
    if (json) {
        nlohmann::json doc = {{"version_rows", rows}, {"current", nlohmann::json::array()}};
        for (index i : current) doc["current"].push_back(revision_json(m, i, true));
        print_json(doc);
        return exit_ok;
    }
    if (verbose)
        std::cout << "Current revision(s) for "
                  << redact(ctx.database_url.empty() ? std::string("the PG* environment") : ctx.database_url) << ":\n";
    for (index i : current) std::cout << revision_text(m, i, verbose, {}) << "\n";
    return exit_ok;
}

}  // namespace retort::cli
