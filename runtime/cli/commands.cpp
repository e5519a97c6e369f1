#include "cli/commands.hpp"

#include "cli/format.hpp"
#include "cli/options.hpp"
#include "core/errors.hpp"
#include "db/session.hpp"
#include "plan/migrate.hpp"
#include "plan/sql_sink.hpp"

#include <iostream>

namespace retort::cli {

namespace po = boost::program_options;
using graph::index;

namespace {

const graph::revision_graph& graph_of(context& ctx) { return ctx.revisions->graph; }

std::vector<index> database_heads(context& ctx, db::session& s) {
    return plan::current_heads(graph_of(ctx), s.read_versions(ctx.table));
}

/// "START:END" for offline runs; START may be empty (base).
bool split_range(const std::string& target, std::string& start, std::string& end) {
    auto colon = target.find(':');
    if (colon == std::string::npos) return false;
    start = target.substr(0, colon);
    end = target.substr(colon + 1);
    return true;
}

std::vector<index> offline_start(const graph::revision_graph& g, const std::string& start) {
    if (start.empty() || start == "base") return {};
    return plan::resolve_upgrade_target(g, {}, start);
}

int run_plan(context& ctx, bool upgrade, const std::string& target, bool sql) {
    const auto& g = graph_of(ctx);
    if (sql) {
        std::string start, end = target;
        bool ranged = split_range(target, start, end);
        if (!upgrade && !ranged)
            throw usage_error("downgrade --sql needs a range START:END, e.g. 'downgrade --sql head:base'");
        std::vector<index> current = offline_start(g, start);
        auto steps = upgrade ? plan::plan_upgrade(g, current, plan::resolve_upgrade_target(g, current, end))
                             : plan::plan_downgrade(g, current, plan::resolve_downgrade_target(g, current, end));
        plan::sql_sink out(std::cout);
        plan::migrate(g, ctx.revisions->bodies, current, steps, ctx.table, out);
        return exit_ok;
    }
    if (target.find(':') != std::string::npos)
        throw usage_error("a range START:END works only with --sql; online, the database is the start");
    db::session s(ctx.database_url);
    s.lock_migrations(ctx.table);
    auto current = database_heads(ctx, s);
    auto steps = upgrade ? plan::plan_upgrade(g, current, plan::resolve_upgrade_target(g, current, target))
                         : plan::plan_downgrade(g, current, plan::resolve_downgrade_target(g, current, target));
    db::database_sink out(s, true);
    plan::migrate(g, ctx.revisions->bodies, current, steps, ctx.table, out);
    if (steps.empty()) std::cerr << "Nothing to do: the database is already at " << target << "\n";
    return exit_ok;
}

int migrate_command(context& ctx, const std::vector<std::string>& args, bool upgrade) {
    bool sql = false;
    std::string target;
    po::options_description desc;
    desc.add_options()("sql", po::bool_switch(&sql), "print the SQL instead of running it (no database needed)")(
        "target", po::value(&target)->required(), "revision to reach");
    const char* name = upgrade ? "upgrade" : "downgrade";
    std::string usage = upgrade ? "runner upgrade [--sql] TARGET\n\nTARGET: head, heads, a revision ID or prefix, +N, REV+N;"
                                  " with --sql also START:END.\nExample: runner -d postgresql://app@localhost/app upgrade head"
                                : "runner downgrade [--sql] TARGET\n\nTARGET: base, -N, a revision ID or prefix, REV-N;"
                                  " with --sql a range START:END.\nExample: runner -d postgresql://app@localhost/app downgrade -1";
    if (!parse_command(name, usage, desc, {"target"}, args)) return exit_ok;
    return run_plan(ctx, upgrade, target, sql);
}

int cmd_upgrade(context& ctx, const std::vector<std::string>& args) { return migrate_command(ctx, args, true); }
int cmd_downgrade(context& ctx, const std::vector<std::string>& args) { return migrate_command(ctx, args, false); }

int cmd_current(context& ctx, const std::vector<std::string>& args) {
    bool verbose = false;
    po::options_description desc;
    desc.add_options()("verbose,v", po::bool_switch(&verbose), "show each revision in full");
    if (!parse_command("current", "runner current [-v]\n\nShows the revisions the database is at.\n"
                                  "Example: runner -d postgresql://app@localhost/app current",
                       desc, {}, args))
        return exit_ok;
    db::session s(ctx.database_url);
    const auto& g = graph_of(ctx);
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
    const auto& g = graph_of(ctx);
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
    const auto& g = graph_of(ctx);
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

}  // namespace

const std::vector<command>& commands() {
    static const std::vector<command> list = {
        {"upgrade", "apply revisions up to a target", cmd_upgrade},
        {"downgrade", "revert revisions down to a target", cmd_downgrade},
        {"current", "show the database's current revisions", cmd_current},
        {"history", "list revisions, newest first", cmd_history},
        {"heads", "list the head revisions", cmd_heads},
    };
    return list;
}

}  // namespace retort::cli
