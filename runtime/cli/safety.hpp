// What the commands that change a live database share: their safety options, opening a checked
// connection, and comparing what is applied with what this runner compiled.
#pragma once

#include "cli/commands.hpp"
#include "db/guarded_sink.hpp"
#include "plan/planner.hpp"

#include <boost/program_options.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace retort::db {
class session;
class history;
}  // namespace retort::db

namespace retort::cli {

struct safety_options {
    std::string lock_wait = "5min";
    bool dry_run = false;
    bool allow_modified = false;
    std::string max_lock_rows;  ///< the lock policy (exit 8); empty: off
    std::string blocker_wait = "1min";
    std::string terminate_blockers_after;  ///< empty: never
    db::guard_settings guards;
};

/// The defaults: retort.ini's lock_timeout, statement_timeout and transaction_mode where set.
safety_options default_safety(const context& ctx);

/// --lock-wait, --lock-timeout, --statement-timeout, --retries; with `migrating`, also
/// --dry-run, --allow-modified and --single-transaction.
void add_safety_options(boost::program_options::options_description& desc, safety_options& o, bool migrating);

/// "5s", "500ms", "2min", "1h", or a bare number of milliseconds (PostgreSQL's units); throws
/// usage_error naming `option` otherwise.
std::chrono::milliseconds parse_duration(const std::string& option, const std::string& text);

/// Connects, checks the server version, applies --role/--search-path and refuses a pooler in
/// transaction mode.
std::unique_ptr<db::session> open_checked_session(const context& ctx);

/// The checksum this runner compiled for a revision.
std::string compiled_checksum(const context& ctx, const std::string& id);

/// What the database says is applied, against what this runner knows.
struct applied_state {
    std::vector<std::string> rows;        ///< version-table rows
    std::vector<std::string> unknown;     ///< applied revisions this runner does not have
    std::vector<std::string> modified;    ///< applied revisions whose checksum changed since
};
applied_state read_applied(const context& ctx, db::session& s, db::history& h);

/// "revision X (file) was modified after it was applied ..." for upgrade's refusal.
void refuse_modified(const context& ctx, const applied_state& state);

/// The lint findings of the upgrade steps, one line each on stderr.
void warn_lint(const context& ctx, const std::vector<plan::step>& steps);

/// upgrade/downgrade against the live database, under the lock, with history and guards.
int run_online(context& ctx, bool upgrade, const std::string& target, const safety_options& o);

}  // namespace retort::cli
