// show: one revision (or every revision a target names) in full, as Alembic's `show`.
#include "cli/commands.hpp"
#include "cli/format.hpp"
#include "cli/options.hpp"
#include "core/errors.hpp"
#include "db/session.hpp"
#include "lint/lint.hpp"
#include "plan/migrate.hpp"

#include <nlohmann/json.hpp>

#include <iostream>

namespace retort::cli {

namespace po = boost::program_options;
using graph::index;

int cmd_show(context& ctx, const std::vector<std::string>& args) {
    bool json = false;
    std::string target;
    po::options_description desc;
    desc.add_options()("json", po::bool_switch(&json), "print JSON: the revisions")(
        "revision", po::value(&target)->required(), "an ID, prefix, label, head, heads or current");
    if (!parse_command("show", "runner show [--json] REVISION\n\nShows a revision in full: parents, branches, labels, "
                               "path, message.\nExample: runner show head",
                       desc, {"revision"}, args))
        return exit_ok;
    graph::revision_map m(ctx.revisions->graph);
    std::vector<std::string> targets = {target};
    if (target == "current") {
        targets.clear();
        for (index i : database_heads(ctx)) targets.push_back(m.id(i));
    }
    std::vector<index> revs;
    for (auto r : m.get_revisions(targets))
        if (r) revs.push_back(*r);
    if (json) {
        nlohmann::json doc = {{"revisions", nlohmann::json::array()}};
        for (index i : revs) {
            auto entry = revision_json(m, i);
            if (auto reason = plan::irreversible_reason(*ctx.revisions->bodies.at(i))) entry["irreversible"] = *reason;
            doc["revisions"].push_back(std::move(entry));
        }
        print_json(doc);
        return exit_ok;
    }
    for (index i : revs) {
        std::cout << revision_entry(m, i, false);
        if (auto reason = plan::irreversible_reason(*ctx.revisions->bodies.at(i)))
            std::cout << "    Irreversible: " << *reason << "\n";
        std::cout << "\n";
        // The destructive changes this revision acknowledged in its code (op.acknowledge).
        for (const auto& f : lint::lint_revision(m.id(i), *ctx.revisions->bodies.at(i)))
            if (f.acknowledged) std::cout << "    " << lint::describe(m.id(i), f) << "\n";
    }
    return exit_ok;
}

}  // namespace retort::cli
