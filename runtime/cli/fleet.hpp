// Fleet mode of upgrade, downgrade, current, check and drift: the same command over many targets
// (--targets FILE, --targets-sql with --control, --schemas / --schemas-sql on -d), --jobs at once,
// with a progress line, a summary table and --report FILE.json. Exit 9 when any target did not
// reach the goal (failed, unreachable, not attempted).
#pragma once

#include "cli/commands.hpp"
#include "migrate/migrator.hpp"

#include <boost/program_options.hpp>

#include <string>

namespace retort::cli {

struct fleet_cli_options {
    std::string targets_file, targets_sql, control, schemas, schemas_sql, report, run_id;
    int jobs = 4;
    int max_failures = 0;
    int canary = 0;
    bool coordinate = false;
    bool requested() const {
        return !targets_file.empty() || !targets_sql.empty() || !schemas.empty() || !schemas_sql.empty();
    }
};

void add_fleet_options(boost::program_options::options_description& desc, fleet_cli_options& o);

/// What each target runs: "upgrade", "downgrade", "current", "check" or "drift", toward `goal`.
struct fleet_command {
    std::string name;
    std::string goal;
    std::string scratch_url;  ///< drift: where expected schemas are replayed (empty: a target's server)
};

/// Runs `c` over the fleet `f` names; prints progress, the summary and the report; returns 0 or 9.
int run_fleet_command(const context& ctx, const fleet_command& c, const fleet_cli_options& f,
                      const migrate::options& o);

}  // namespace retort::cli
