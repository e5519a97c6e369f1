// stamp: set the version table to revisions without running them, with Alembic's row changes
// (StampStep + HeadMaintainer); --purge empties the table first, --sql prints the SQL instead.
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "core/errors.hpp"
#include "db/session.hpp"
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

plan::step_program version_program(const render::version_table& table, const std::string& title,
                                   const plan::version_change& c) {
    plan::step_program p;
    p.title = title;
    p.blocks.push_back({true, render::version_changes(table, c.deletes, c.updates, c.inserts)});
    return p;
}

/// Sends every stamp step, as one version-table change each, to `out`.
void run_stamp(const graph::revision_map& m, const render::version_table& table, const std::vector<std::string>& rows,
               const std::vector<std::string>& targets, plan::sink& out) {
    plan::head_tracker tracker(m, plan::current_heads(m.graph(), rows));
    for (const auto& s : plan::plan_stamp(m, rows, targets)) {
        auto change = tracker.apply(s);
        out.run(version_program(table, "stamp " + names(m, s.from) + " -> " + names(m, s.to), change));
    }
    out.finish();
}

}  // namespace

int cmd_stamp(context& ctx, const std::vector<std::string>& args) {
    bool sql = false, purge = false;
    std::vector<std::string> targets;
    po::options_description desc;
    desc.add_options()("sql", po::bool_switch(&sql), "print the SQL instead of running it; a target may be START:END")(
        "purge", po::bool_switch(&purge), "delete every version row first (even unknown ones)")(
        "revisions", po::value(&targets)->required(), "revisions to stamp: IDs, prefixes, head, heads, base, LABEL@head");
    if (!parse_command("stamp", "runner stamp [--sql] [--purge] REVISION...\n\nSets the version table to the revisions "
                                "without running any migration.\nExample: runner -d postgresql://app@localhost/app stamp head",
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
        auto rows = plan::offline_start(m, start);
        plan::sql_sink out(std::cout);
        if (rows.empty()) out.prepare(render::create_version_table(ctx.table));
        run_stamp(m, ctx.table, rows, targets, out);
        return exit_ok;
    }
    for (const auto& t : targets)
        if (t.find(':') != std::string::npos) throw usage_error("a range START:END works only with --sql");
    db::session s(ctx.database_url);
    s.lock_migrations(ctx.table);
    db::database_sink out(s, true);
    out.prepare(render::create_version_table(ctx.table));
    std::vector<std::string> rows = s.read_versions(ctx.table);
    if (purge) {
        plan::version_change wipe;
        wipe.deletes = rows;
        out.run(version_program(ctx.table, "purge version table", wipe));
        rows.clear();
    }
    run_stamp(m, ctx.table, rows, targets, out);
    return exit_ok;
}

}  // namespace retort::cli
