// What the commands that read or change a live database share: their safety options, the
// migrator for the command line's target, and printing a run's result.
#pragma once

#include "cli/commands.hpp"
#include "db/guarded_sink.hpp"
#include "migrate/migrator.hpp"
#include "plan/planner.hpp"

#include <boost/program_options.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace retort::cli {

/// The flags' values as typed; their defaults come from ctx.settings (default_safety).
struct safety_options {
    std::string lock_wait;
    bool dry_run = false;
    bool allow_modified = false;
    std::string backup;  ///< --backup FILE: pg_dump before the first change
    std::string max_lock_rows;  ///< --max-lock-rows: the lock policy (exit 8); "0": off
    db::guard_settings guards;
};

/// The settings model's values (flags > environment > retort.ini > defaults).
safety_options default_safety(const context& ctx);

/// --lock-wait, --lock-timeout, --statement-timeout, --retries; with `migrating`, also
/// --dry-run, --allow-modified, --single-transaction, --backup, --max-lock-rows, --blocker-wait
/// and --terminate-blockers-after.
void add_safety_options(boost::program_options::options_description& desc, safety_options& o, bool migrating);

/// The migrator's options from the command's safety options (checked: usage_error if not valid).
migrate::options run_options(const safety_options& o);

/// The migrator for -d, --version-table(-schema), --role and --search-path, with `o`'s run options.
migrate::migrator migrator_for(const context& ctx, migrate::options o = {});

/// Throws the run's error (with its exit code and SQLSTATE), if it has one.
void throw_if_failed(const migrate::run_result& r);

/// The lint findings of the upgrade steps, one line each on stderr (--sql).
void warn_lint(const context& ctx, const std::vector<plan::step>& steps);

/// upgrade/downgrade against the live database: runs the migrator, prints what it returns.
int run_online(context& ctx, bool upgrade, const std::string& target, const safety_options& o);

}  // namespace retort::cli
