// The migrator: one database (a db::target), the compiled revisions and options in; result values
// out. Every command that reads or changes a live database goes through it; the CLI parses, calls
// and prints. A fleet runs one migrator per database, each on its own thread: a migrator holds no
// mutable state between calls, and its connections live only for the call.
#pragma once

#include "config/defaults.hpp"
#include "config/duration.hpp"
#include "core/registry.hpp"
#include "db/guarded_sink.hpp"
#include "db/history.hpp"
#include "db/open.hpp"
#include "migrate/result.hpp"
#include "plan/planner.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace retort::migrate {

struct options {
    std::string role;         ///< --role
    std::string search_path;  ///< --search-path
    /// --lock-wait
    std::chrono::milliseconds lock_wait =
        std::chrono::duration_cast<std::chrono::milliseconds>(*config::parse_duration(config::default_lock_wait));
    db::guard_settings guards;  ///< --lock-timeout, --statement-timeout, --retries, --single-transaction
    bool dry_run = false;        ///< read under the lock, return the SQL, change nothing
    bool allow_modified = false; ///< run although an applied revision changed since
    std::string backup;          ///< --backup FILE: pg_dump under the lock, before the first change
    /// --max-lock-rows: refuse (exit 8) a plan holding a write-blocking lock while it scans or
    /// rewrites a table over this many rows, unless its revision acknowledges it; 0: off.
    long long max_lock_rows = std::stoll(config::default_max_lock_rows);
};

/// `check`'s findings; `exit_code` ranks them as README's exit codes do (6, 5, 3, 4, then 0).
struct check_report {
    applied_state state;
    std::vector<std::string> heads;         ///< compiled heads (several: exit 3)
    std::vector<planned_step> pending;      ///< what `upgrade heads` would run
    std::vector<std::string> lint;          ///< findings of the pending revisions
    std::vector<std::string> privileges;    ///< privileges the role lacks for the pending revisions
    std::string role;                       ///< the role after --role
    int exit_code = 0;
};

/// One revision `verify` upgraded, downgraded and upgraded again.
struct verified {
    std::string revision, message, path;
    std::vector<std::string> undo;  ///< the downgrade against the schema before the upgrade
    std::vector<std::string> redo;  ///< the second upgrade against the first
    std::string stuck;              ///< the second upgrade failed with this
    std::string irreversible;       ///< op.irreversible's reason: accepted, not downgraded
    bool ok() const { return undo.empty() && redo.empty() && stuck.empty(); }
};

struct verify_report {
    std::vector<verified> revisions;  ///< in order; verification stops after a stuck one
    std::size_t total = 0;            ///< compiled revisions
    std::vector<std::string> warnings;  ///< e.g. the scratch database could not be dropped
};

/// A checksum `repair` (re-)recorded.
struct repaired {
    std::string revision, path;
    bool first_record = false;  ///< none was recorded before
};

class migrator {
public:
    /// `revisions` must outlive the migrator (the runner's registry does).
    migrator(const loaded_revisions& revisions, db::target target, options o = {});

    /// The version-table rows: one connection, the table read once, no lock, no pooler probe.
    /// The connection is kept for the migrator's next call. Throws retort::error.
    std::vector<std::string> version_rows() const;
    /// What is applied, with the history's unknown and modified revisions. No lock, no probe.
    applied_state applied() const;
    /// What `upgrade goal` (or `downgrade goal`) would run now: one connection, the version
    /// table read once, no lock, no pooler probe. Empty: already there. Throws retort::error.
    /// `rows`, when given, receives the version-table rows read.
    std::vector<planned_step> pending(const std::string& goal, bool upgrade = true,
                                      std::vector<std::string>* rows = nullptr) const;
    /// The same from version-table rows already read (a fleet reads many schemas' rows at once):
    /// no connection. Throws retort::error for a goal that does not resolve.
    std::vector<planned_step> pending_from(const std::vector<std::string>& rows, const std::string& goal,
                                           bool upgrade = true) const;

    /// Under the lock: refuses modified applied revisions (unless allowed), plans, runs each
    /// step with its history row. Never throws retort::error: the result carries it.
    run_result upgrade(const std::string& goal, observer& o) const;
    run_result downgrade(const std::string& goal, observer& o) const;
    /// Sets the version table to `revisions` without running them; one history row per revision
    /// stamped on ("stamp") or off ("unstamp"). `purge` empties the version table first.
    run_result stamp(const std::vector<std::string>& revisions, bool purge, observer& o) const;

    /// What `upgrade goal` (or `downgrade goal`) would lock on this database, statement by
    /// statement, with the warnings over `max_lock_rows`: one connection, no lock, no pooler
    /// probe; only the catalog is read. Throws retort::error.
    locks::lock_plan lock_plan(const std::string& goal, bool upgrade = true) const;

    /// Compares the database with the compiled revisions. Throws retort::error.
    check_report check() const;
    /// Under the lock: records the current checksum of every applied revision whose record
    /// differs or is missing. Throws retort::error.
    std::vector<repaired> repair(observer& o) const;

    /// On an empty scratch database (`scratch_conninfo`; empty: one created next to the target
    /// and dropped after), each revision in order: upgrade, snapshot, downgrade, compare, upgrade
    /// again. Throws retort::error (usage_error for a scratch database that is not empty).
    verify_report verify(const std::string& scratch_conninfo) const;

    /// The checksum compiled for a revision ID.
    std::string checksum(const std::string& id) const;

private:
    db::opened connect(bool lock, observer* o) const;
    /// retort_history next to the version table, reading (and, in ensure(), rewriting) checksums an
    /// older runner recorded in the legacy canonical form.
    db::history history(db::session& s) const;
    /// The privilege preflight: one line per privilege the role lacks for `steps` (plus the raw
    /// SQL that was not checked, when any is missing).
    std::vector<std::string> missing_privileges(db::session& s, const std::vector<plan::step>& steps,
                                                std::string& role) const;
    /// Throws "role R lacks N privileges …" after putting the lines into `r`.
    void refuse_missing_privileges(db::session& s, const std::vector<plan::step>& steps, run_result& r) const;
    /// The lock plan of `steps` from the version-table heads `current`, on `s`.
    locks::lock_plan plan_locks(db::session& s, const std::vector<graph::index>& current,
                                const std::vector<plan::step>& steps) const;
    run_result migrate(bool upgrade, const std::string& goal, observer& o) const;

    const loaded_revisions& m_revisions;
    db::target m_target;
    options m_options;
    /// The connection the last read (version_rows, pending) used, kept for the next call: a fleet
    /// target found behind then takes the lock on it instead of connecting again.
    mutable std::unique_ptr<db::opened> m_idle;
};

}  // namespace retort::migrate
