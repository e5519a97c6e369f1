#include "cli/safety.hpp"

#include "cli/lock_report.hpp"
#include "cli/run_report.hpp"
#include "config/duration.hpp"
#include "config/row_count.hpp"
#include "core/errors.hpp"
#include "lint/lint.hpp"

#include <iostream>

namespace retort::cli {

namespace po = boost::program_options;

void add_safety_options(po::options_description& desc, safety_options& o, bool migrating) {
    desc.add_options()("lock-wait", po::value(&o.lock_wait)->default_value(o.lock_wait),
                       "how long to wait for another runner's migration lock")(
        "lock-timeout", po::value(&o.guards.lock_timeout)->default_value(o.guards.lock_timeout),
        "how long a statement may wait for a table lock (SET LOCAL in each revision's transaction; 0: no limit)")(
        "statement-timeout", po::value(&o.guards.statement_timeout)->default_value(o.guards.statement_timeout),
        "how long a statement may run (0: no limit)")(
        "retries", po::value(&o.guards.retries)->default_value(0), "extra attempts of a revision that timed out");
    if (!migrating) return;
    desc.add_options()("dry-run", po::bool_switch(&o.dry_run),
                       "read the database's state under the lock, print the plan and its exact SQL, change nothing")(
        "allow-modified", po::bool_switch(&o.allow_modified),
        "run even though an applied revision changed since it was applied")(
        "single-transaction", po::bool_switch(&o.guards.single_transaction),
        "run the whole plan in one transaction (refused when a revision has an autocommit block)")(
        "backup", po::value(&o.backup)->value_name("FILE"),
        "pg_dump (custom format) the database into FILE under the lock, before the first change; restore with "
        "pg_restore")(
        "max-lock-rows", po::value(&o.max_lock_rows)->value_name("N")->default_value(o.max_lock_rows),
        "refuse (exit 8) a statement holding a write-blocking lock while it scans or rewrites a table over N rows, "
        "unless its revision acknowledges \"lock-on-large-table\" (0: off; 'runner plan' shows them)")(
        "blocker-wait", po::value(&o.guards.blocker_wait)->default_value(o.guards.blocker_wait),
        "before a strong lock, wait this long for a quiet moment, trying with lock_timeout 200ms, instead of "
        "queueing in front of the application (0: off)")(
        "terminate-blockers-after",
        po::value(&o.guards.terminate_blockers_after)->default_value(o.guards.terminate_blockers_after),
        "end connections idle in a transaction that block a strong lock after waiting this long (0: never)");
}

safety_options default_safety(const context& ctx) {
    safety_options o;
    const auto& settings = ctx.settings;
    o.lock_wait = settings.lock_wait.text;
    o.guards.lock_timeout = settings.lock_timeout.text;
    o.guards.statement_timeout = settings.statement_timeout.text;
    o.guards.single_transaction = settings.single_transaction();
    o.max_lock_rows = settings.max_lock_rows.text;
    o.guards.blocker_wait = settings.blocker_wait.text;
    o.guards.terminate_blockers_after = settings.terminate_blockers_after.text;
    return o;
}

migrate::options run_options(const safety_options& o) {
    // The file's values were checked where they were read (naming file:line); what fails here is
    // a flag.
    migrate::options out;
    out.lock_wait = std::chrono::duration_cast<std::chrono::milliseconds>(
        config::checked_duration("lock_wait", o.lock_wait, "--lock-wait", false));
    config::checked_duration("lock_timeout", o.guards.lock_timeout, "--lock-timeout", true);
    config::checked_duration("statement_timeout", o.guards.statement_timeout, "--statement-timeout", true);
    config::checked_duration("blocker_wait", o.guards.blocker_wait, "--blocker-wait", false);
    config::checked_duration("terminate_blockers_after", o.guards.terminate_blockers_after,
                             "--terminate-blockers-after", false);
    if (o.guards.retries < 0) throw usage_error("--retries must be 0 or more");
    out.max_lock_rows = config::checked_row_count("max_lock_rows", o.max_lock_rows, "--max-lock-rows");
    out.guards = o.guards;
    out.dry_run = o.dry_run;
    out.allow_modified = o.allow_modified;
    out.backup = o.backup;
    return out;
}

migrate::migrator migrator_for(const context& ctx, migrate::options o) {
    o.role = ctx.connect.role;
    o.search_path = ctx.connect.search_path;
    return migrate::migrator(*ctx.revisions, {ctx.database_url, ctx.table}, std::move(o));
}

void throw_if_failed(const migrate::run_result& r) {
    if (!r.error) return;
    if (!r.error->sqlstate.empty()) throw database_error(r.error->message, r.error->sqlstate);
    throw error(r.error->message, r.error->exit_code);
}

void warn_lint(const context& ctx, const std::vector<plan::step>& steps) {
    const auto& g = ctx.revisions->graph;
    for (const auto& s : steps) {
        if (!s.upgrade) continue;
        for (const auto& f : lint::lint_revision(g[s.revision].id, *ctx.revisions->bodies.at(s.revision)))
            std::cerr << lint::describe(g[s.revision].id, f) << "\n";
    }
}

int run_online(context& ctx, bool upgrade, const std::string& target, const safety_options& o) {
    auto m = migrator_for(ctx, run_options(o));
    migrate::run_result r;
    {
        run_report report(ctx.output);
        r = upgrade ? m.upgrade(target, report) : m.downgrade(target, report);
    }
    for (const auto& line : r.privileges) std::cerr << line << "\n";
    throw_if_failed(r);
    if (o.dry_run) {
        if (r.locks) print_lock_plan(std::cerr, *r.locks);
        std::cerr << "Dry run: " << r.plan.size() << " step" << (r.plan.size() == 1 ? "" : "s")
                  << " planned; nothing will change\n";
        for (const auto& w : r.warnings) std::cerr << w << "\n";
        std::cout << r.dry_run_sql;
        return exit_ok;
    }
    if (r.plan.empty() && !ctx.output.quiet) std::cerr << "Nothing to do: the database is already at " << target << "\n";
    return exit_ok;
}

}  // namespace retort::cli
