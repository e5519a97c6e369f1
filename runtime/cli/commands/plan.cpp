// plan: what upgrade (or downgrade) to TARGET would lock on this database, statement by statement.
#include "cli/commands.hpp"
#include "cli/format.hpp"
#include "cli/lock_report.hpp"
#include "cli/options.hpp"
#include "cli/safety.hpp"
#include "config/row_count.hpp"
#include "core/errors.hpp"

#include <nlohmann/json.hpp>

#include <iostream>

namespace retort::cli {

int cmd_plan(context& ctx, const std::vector<std::string>& args) {
    namespace po = boost::program_options;
    std::string target;
    bool down = false, json = false;
    std::string max_lock_rows = ctx.settings.max_lock_rows.text;
    po::options_description desc;
    desc.add_options()("target", po::value(&target), "revision to reach (default: head; with --down, required)")(
        "down", po::bool_switch(&down), "plan a downgrade to TARGET")(
        "max-lock-rows", po::value(&max_lock_rows)->value_name("N")->default_value(max_lock_rows),
        "warn for each statement holding a write-blocking lock while it scans or rewrites a table over N rows (0: off)")(
        "json", po::bool_switch(&json), "print JSON (docs/json.md)");
    if (!parse_command("plan",
                       "runner plan [TARGET] [--down] [--max-lock-rows N] [--json]\n\n"
                       "Per statement of the plan: the tables it locks, the lock level (ACCESS EXCLUSIVE, SHARE...),\n"
                       "whether it is catalog-only, scans or rewrites the table, each table's estimated rows and\n"
                       "size on this database, and the connections that would block it now. Nothing changes; no\n"
                       "lock is taken. docs/locks.md lists every operation's facts.\n"
                       "Example: runner -d postgresql://app@localhost/app plan head --max-lock-rows 100000",
                       desc, {"target"}, args))
        return exit_ok;
    if (target.empty()) {
        if (down) throw usage_error("plan --down needs a TARGET, e.g. 'runner plan --down -1'");
        target = "head";
    }
    migrate::options o;
    o.max_lock_rows = config::checked_row_count("max_lock_rows", max_lock_rows, "--max-lock-rows");
    auto plan = migrator_for(ctx, o).lock_plan(target, !down);
    if (json) {
        auto doc = lock_plan_json(plan);
        doc["direction"] = down ? "downgrade" : "upgrade";
        doc["target"] = target;
        print_json(doc);
        return exit_ok;
    }
    if (plan.steps.empty()) std::cout << "Nothing to do: the database is already at " << target << "\n";
    print_lock_plan(std::cout, plan);
    return exit_ok;
}

}  // namespace retort::cli
