// Read-only commands: current, history, heads. Text as Alembic prints it; --json for scripts.
#include "cli/commands.hpp"
#include "cli/format.hpp"
#include "cli/options.hpp"
#include "core/errors.hpp"
#include "core/redact.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>

namespace retort::cli {

namespace po = boost::program_options;
using graph::index;

int cmd_history(context& ctx, const std::vector<std::string>& args) {
    bool verbose = false, indicate = false, json = false;
    std::string range;
    po::options_description desc;
    desc.add_options()("rev-range,r", po::value(&range), "only revisions in START:END (either may be empty or 'current')")(
        "verbose,v", po::bool_switch(&verbose), "show each revision in full")(
        "indicate-current,i", po::bool_switch(&indicate), "mark the database's current revisions (needs a database)")(
        "json", po::bool_switch(&json), "print JSON: the revisions, newest first");
    if (!parse_command("history", "runner history [-r START:END] [-v] [-i] [--json]\n\nLists the revisions, newest first.\n"
                                  "Example: runner history -r base:head",
                       desc, {}, args))
        return exit_ok;
    std::string base = "base", head = "heads";
    if (!range.empty()) {
        auto colon = range.find(':');
        if (colon == std::string::npos)
            throw usage_error("a history range needs a colon: START:END, START: or :END");
        if (colon > 0) base = range.substr(0, colon);
        if (colon + 1 < range.size()) head = range.substr(colon + 1);
    }
    graph::revision_map m(ctx.revisions->graph);
    std::vector<std::string> rows;
    if (indicate || base == "current" || head == "current") {
        rows = revision_ids(m, database_heads(ctx));
    }
    if (base == "current") base = rows.empty() ? "base" : rows.front();
    if (head == "current") {
        if (rows.size() > 1) throw usage_error("history -r START:current needs a single current revision; the database has " +
                                               std::to_string(rows.size()));
        head = rows.empty() ? "base" : rows.front();
    }
    if (base == "current" && rows.size() > 1)
        throw usage_error("history -r current:END needs a single current revision");
    auto order = m.walk_revisions(base, head);
    auto is_current = [&](index i) { return indicate && std::count(rows.begin(), rows.end(), m.id(i)) > 0; };
    if (json) {
        nlohmann::json doc = {{"revisions", nlohmann::json::array()}};
        for (index i : order) doc["revisions"].push_back(revision_json(m, i, is_current(i)));
        print_json(doc);
        return exit_ok;
    }
    line_options o;
    o.parents = o.branch_labels = o.message = true;
    for (index i : order) {
        o.current = is_current(i);
        std::cout << revision_text(m, i, verbose, o) << "\n";
    }
    return exit_ok;
}

int cmd_heads(context& ctx, const std::vector<std::string>& args) {
    bool verbose = false, check = false, json = false, resolve = false;
    po::options_description desc;
    desc.add_options()("verbose,v", po::bool_switch(&verbose), "show each head in full")(
        "resolve-dependencies", po::bool_switch(&resolve), "treat dependencies as parents (hide effective heads)")(
        "json", po::bool_switch(&json), "print JSON: the heads")(
        "check", po::bool_switch(&check), "exit 3 when there is more than one head (for CI)");
    if (!parse_command("heads", "runner heads [-v] [--resolve-dependencies] [--json] [--check]\n\n"
                                "Lists the revisions nothing builds on yet.\nExample: runner heads --check",
                       desc, {}, args))
        return exit_ok;
    graph::revision_map m(ctx.revisions->graph);
    const auto& heads = resolve ? m.real_heads() : m.heads();
    if (json) {
        nlohmann::json doc = {{"heads", nlohmann::json::array()}};
        for (index i : heads) doc["heads"].push_back(revision_json(m, i));
        print_json(doc);
    } else {
        line_options o;
        o.branch_labels = true;
        o.tree = false;
        for (index i : heads) std::cout << revision_text(m, i, verbose, o) << "\n";
    }
    if (check && heads.size() > 1) {
        std::string names;
        for (index i : heads) names += (names.empty() ? "" : ", ") + m.id(i);
        throw error("there are " + std::to_string(heads.size()) + " heads (" + names +
                        "); merge them with: mkrev --merge \"merge heads\"",
                    exit_multiple_heads);
    }
    return exit_ok;
}

}  // namespace retort::cli
