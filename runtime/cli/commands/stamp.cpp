// stamp: set the version table to revisions without running them, with Alembic's row changes
// (StampStep + HeadMaintainer); --purge empties the table first, --sql prints the SQL instead.
// Online, the migrator does it under the lock and records each revision stamped on or off.
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/run_report.hpp"
#include "cli/safety.hpp"
#include "core/errors.hpp"
#include "plan/planner.hpp"
#include "plan/sql_sink.hpp"

#include <iostream>

namespace retort::cli {

namespace po = boost::program_options;
using graph::index;

namespace {

std::string names(const graph::revision_map& m, const std::vector<index>& revs) {
    std::string out;
    for (index i : revs) out += (out.empty() ? "" : ", ") + m.id(i);
    return out.empty() ? "<base>" : out;
}

/// --sql: every stamp step as one version-table change to stdout.
void print_stamp(const graph::revision_map& m, const render::version_table& table,
                 const std::vector<std::string>& rows, const std::vector<std::string>& targets) {
    plan::sql_sink out(std::cout);
    if (rows.empty()) out.prepare(render::create_version_table(table));
    plan::head_tracker tracker(m, plan::current_heads(m.graph(), rows));
    for (const auto& s : plan::plan_stamp(m, rows, targets)) {
        auto c = tracker.apply(s);
        plan::step_program p;
        p.title = "stamp " + names(m, s.from) + " -> " + names(m, s.to);
        p.blocks.push_back({true, render::version_changes(table, c.deletes, c.updates, c.inserts)});
        out.run(p);
    }
    out.finish();
}

}  // namespace

int cmd_stamp(context& ctx, const std::vector<std::string>& args) {
    bool sql = false, purge = false;
    std::vector<std::string> targets;
    safety_options safety = default_safety(ctx);
    po::options_description desc;
    desc.add_options()("sql", po::bool_switch(&sql), "print the SQL instead of running it; a target may be START:END")(
        "purge", po::bool_switch(&purge), "delete every version row first (even unknown ones)")(
        "revisions", po::value(&targets)->required(), "revisions to stamp: IDs, prefixes, head, heads, base, LABEL@head");
    // The lock options of upgrade; the timeouts apply to the version-table change (SET LOCAL).
    desc.add_options()("lock-wait", po::value(&safety.lock_wait)->default_value(safety.lock_wait),
                       "how long to wait for another runner's migration lock")(
        "lock-timeout", po::value(&safety.guards.lock_timeout)->default_value(safety.guards.lock_timeout),
        "how long the version-table change may wait for a table lock (0: no limit)")(
        "statement-timeout", po::value(&safety.guards.statement_timeout)->default_value(safety.guards.statement_timeout),
        "how long a statement may run (0: no limit)");
    if (!parse_command("stamp", "runner stamp [--sql] [--purge] [options] REVISION...\n\nSets the version table to the "
                                "revisions without running any migration; retort_history records each\nrevision "
                                "stamped on (stamp) or off (unstamp) with its checksum.\n"
                                "Example: runner -d postgresql://app@localhost/app stamp head",
                       desc, std::vector<std::string>(16, "revisions"), args))
        return exit_ok;
    graph::revision_map m(ctx.revisions->graph);
    if (sql) {
        if (purge) throw usage_error("stamp --purge needs a database; it cannot be used with --sql");
        std::string start;
        bool have_start = false;
        for (auto& t : targets) {
            auto colon = t.find(':');
            if (colon == std::string::npos) continue;
            std::string this_start = t.substr(0, colon);
            if (have_start && this_start != start)
                throw usage_error("stamp --sql takes one starting revision for all targets");
            start = this_start;
            have_start = true;
            t = t.substr(colon + 1);
        }
        print_stamp(m, ctx.table, plan::offline_start(m, start), targets);
        return exit_ok;
    }
    for (const auto& t : targets)
        if (t.find(':') != std::string::npos) throw usage_error("a range START:END works only with --sql");
    auto migrator = migrator_for(ctx, run_options(safety));
    migrate::run_result r;
    {
        run_report report(ctx.output);
        r = migrator.stamp(targets, purge, report);
    }
    throw_if_failed(r);
    return exit_ok;
}

}  // namespace retort::cli
