// upgrade and downgrade: plan from the database's heads (or, with --sql, from a given start) and
// send each step to the database or to stdout.
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/safety.hpp"
#include "core/errors.hpp"
#include "db/session.hpp"
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

std::vector<index> offline_start(const graph::revision_graph& g, const std::string& start) {
    if (start.empty() || start == "base") return {};
    return plan::resolve_upgrade_target(g, {}, start);
}

int run_plan(context& ctx, bool upgrade, const std::string& target, bool sql, const safety_options& safety) {
    const auto& g = ctx.revisions->graph;
    if (sql && safety.dry_run)
        throw usage_error("--sql prints SQL without a database, --dry-run reads the database: use one of them");
    if (sql) {
        std::string start, end = target;
        bool ranged = split_range(target, start, end);
        if (!upgrade && !ranged)
            throw usage_error("downgrade --sql needs a range START:END, e.g. 'downgrade --sql head:base'");
        std::vector<index> current = offline_start(g, start);
        auto steps = upgrade ? plan::plan_upgrade(g, current, plan::resolve_upgrade_target(g, current, end))
                             : plan::plan_downgrade(g, current, plan::resolve_downgrade_target(g, current, end));
        warn_lint(ctx, steps);
        plan::sql_sink out(std::cout);
        plan::migrate(g, ctx.revisions->bodies, current, steps, ctx.table, out);
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
    safety_options safety;
    add_safety_options(desc, safety, true);
    const char* name = upgrade ? "upgrade" : "downgrade";
    std::string usage = upgrade ? "runner upgrade [--sql | --dry-run] [options] TARGET\n\nTARGET: head, heads, a revision ID or prefix, +N, REV+N;"
                                  " with --sql also START:END.\nExample: runner -d postgresql://app@localhost/app upgrade head"
                                : "runner downgrade [--sql | --dry-run] [options] TARGET\n\nTARGET: base, -N, a revision ID or prefix, REV-N;"
                                  " with --sql a range START:END.\nExample: runner -d postgresql://app@localhost/app downgrade -1";
    if (!parse_command(name, usage, desc, {"target"}, args)) return exit_ok;
    return run_plan(ctx, upgrade, target, sql, safety);
}

}  // namespace

int cmd_upgrade(context& ctx, const std::vector<std::string>& args) { return migrate_command(ctx, args, true); }
int cmd_downgrade(context& ctx, const std::vector<std::string>& args) { return migrate_command(ctx, args, false); }

}  // namespace retort::cli
