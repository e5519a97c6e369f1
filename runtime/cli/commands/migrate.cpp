// upgrade and downgrade: plan from the database's heads (or, with --sql, from a given start) and
// send each step to the database or to stdout.
#include "cli/commands.hpp"
#include "cli/fleet.hpp"
#include "cli/options.hpp"
#include "cli/safety.hpp"
#include "core/errors.hpp"
#include "plan/migrate.hpp"
#include "plan/sql_sink.hpp"

#include <iostream>

namespace retort::cli {

namespace po = boost::program_options;
using graph::index;

namespace {

/// "START:END" for offline runs; START may be empty (base).
bool split_range(const std::string& target, std::string& start, std::string& end) {
    auto colon = target.find(':');
    if (colon == std::string::npos) return false;
    start = target.substr(0, colon);
    end = target.substr(colon + 1);
    return true;
}

int run_plan(context& ctx, bool upgrade, const std::string& target, bool sql, const safety_options& safety) {
    const auto& g = ctx.revisions->graph;
    if (sql && safety.dry_run)
        throw usage_error("--sql prints SQL without a database, --dry-run reads the database: use one of them");
    graph::revision_map m(g);
    auto plan_for = [&](const std::vector<std::string>& rows, const std::string& end) {
        return upgrade ? plan::plan_upgrade(m, rows, end) : plan::plan_downgrade(m, rows, end);
    };
    if (sql) {
        std::string start, end = target;
        bool ranged = split_range(target, start, end);
        if (!upgrade && !ranged)
            throw usage_error("downgrade --sql needs a range START:END, e.g. 'downgrade --sql head:base'");
        auto rows = plan::offline_start(m, start);
        std::vector<index> current = plan::current_heads(g, rows);
        auto steps = plan_for(rows, end);
        warn_lint(ctx, steps);
        plan::sql_sink out(std::cout);
        plan::migrate(m, ctx.revisions->bodies, current, steps, ctx.table, out);
        return exit_ok;
    }
    if (target.find(':') != std::string::npos)
        throw usage_error("a range START:END works only with --sql; online, the database is the start");
    return run_online(ctx, upgrade, target, safety);
}

int migrate_command(context& ctx, const std::vector<std::string>& args, bool upgrade) {
    bool sql = false;
    std::string target;
    po::options_description desc;
    desc.add_options()("sql", po::bool_switch(&sql), "print the SQL instead of running it (no database needed)")(
        "target", po::value(&target)->required(), "revision to reach");
    safety_options safety = default_safety(ctx);
    add_safety_options(desc, safety, true);
    fleet_cli_options fleet;
    add_fleet_options(desc, fleet);
    const char* name = upgrade ? "upgrade" : "downgrade";
    std::string usage = upgrade ? "runner upgrade [--sql | --dry-run] [options] TARGET\n\nTARGET: head, heads, LABEL@head, a revision ID or prefix, +N, REV+N, LABEL@+N;"
                                  " with --sql also START:END.\nExample: runner -d postgresql://app@localhost/app upgrade head"
                                : "runner downgrade [--sql | --dry-run] [options] TARGET\n\nTARGET: base, LABEL@base, -N, LABEL@-N, a revision ID or prefix, REV-N;"
                                  " with --sql a range START:END.\nExample: runner -d postgresql://app@localhost/app downgrade -1";
    if (!parse_command(name, usage, desc, {"target"}, args)) return exit_ok;
    if (fleet.requested()) {
        if (sql || safety.dry_run) throw usage_error("a fleet run cannot be combined with --sql or --dry-run");
        return run_fleet_command(ctx, {name, target}, fleet, run_options(safety));
    }
    return run_plan(ctx, upgrade, target, sql, safety);
}

}  // namespace

int cmd_upgrade(context& ctx, const std::vector<std::string>& args) { return migrate_command(ctx, args, true); }
int cmd_downgrade(context& ctx, const std::vector<std::string>& args) { return migrate_command(ctx, args, false); }

}  // namespace retort::cli
