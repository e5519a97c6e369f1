// upgrade and downgrade: plan from the database's heads (or, with --sql, from a given start) and
// send each step to the database or to stdout.
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/run_report.hpp"
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

std::vector<std::string> id_rows(const graph::revision_graph& g, const std::vector<index>& revs) {
    std::vector<std::string> out;
    for (index i : revs) out.push_back(g[i].id);
    return out;
}

int run_plan(context& ctx, bool upgrade, const std::string& target, bool sql) {
    const auto& g = ctx.revisions->graph;
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
        plan::sql_sink out(std::cout);
        plan::migrate(m, ctx.revisions->bodies, current, steps, ctx.table, out);
        return exit_ok;
    }
    if (target.find(':') != std::string::npos)
        throw usage_error("a range START:END works only with --sql; online, the database is the start");
    db::session s(ctx.database_url);
    s.lock_migrations(ctx.table);
    auto current = database_heads(ctx, s);
    auto steps = plan_for(id_rows(g, current), target);
    db::database_sink database(s, false);
    run_report out(s, database, ctx.output, steps.size());
    plan::migrate(m, ctx.revisions->bodies, current, steps, ctx.table, out);
    if (steps.empty() && !ctx.output.quiet) std::cerr << "Nothing to do: the database is already at " << target << "\n";
    return exit_ok;
}

int migrate_command(context& ctx, const std::vector<std::string>& args, bool upgrade) {
    bool sql = false;
    std::string target;
    po::options_description desc;
    desc.add_options()("sql", po::bool_switch(&sql), "print the SQL instead of running it (no database needed)")(
        "target", po::value(&target)->required(), "revision to reach");
    const char* name = upgrade ? "upgrade" : "downgrade";
    std::string usage = upgrade ? "runner upgrade [--sql] TARGET\n\nTARGET: head, heads, LABEL@head, a revision ID or prefix, +N, REV+N, LABEL@+N;"
                                  " with --sql also START:END.\nExample: runner -d postgresql://app@localhost/app upgrade head"
                                : "runner downgrade [--sql] TARGET\n\nTARGET: base, LABEL@base, -N, LABEL@-N, a revision ID or prefix, REV-N;"
                                  " with --sql a range START:END.\nExample: runner -d postgresql://app@localhost/app downgrade -1";
    if (!parse_command(name, usage, desc, {"target"}, args)) return exit_ok;
    return run_plan(ctx, upgrade, target, sql);
}

}  // namespace

int cmd_upgrade(context& ctx, const std::vector<std::string>& args) { return migrate_command(ctx, args, true); }
int cmd_downgrade(context& ctx, const std::vector<std::string>& args) { return migrate_command(ctx, args, false); }

}  // namespace retort::cli
