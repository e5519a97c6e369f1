// What a migrator returns and what it tells while it works. Plain values: the CLI prints them,
// a fleet collects one per database.
#pragma once

#include "locks/plan.hpp"

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace retort::migrate {

/// One step of a plan, as it would run.
struct planned_step {
    std::string revision;
    std::string direction;  ///< "upgrade", "downgrade", "stamp"
    std::string title;      ///< "upgrade fa1000000001 -> fb2000000002, ledger"
};

/// One step that ran to its commit.
struct step_done {
    std::string revision;
    std::string direction;
    std::chrono::duration<double> duration{};
};

/// Why a run stopped. `revision` is the step that was running (empty before the first step).
struct failure {
    std::string message;
    std::string sqlstate;
    std::string revision;
    int exit_code = 1;  ///< the runner's exit code for it (README "Exit codes")
};

struct run_result {
    std::vector<std::string> rows_before;  ///< version-table rows when the run started
    /// Version-table rows when the run ended, read on its connection (empty optional: could not
    /// be read, e.g. the connection was lost).
    std::optional<std::vector<std::string>> rows_after;
    std::vector<planned_step> plan;
    std::vector<step_done> done;
    std::vector<std::string> warnings;     ///< lint findings (dry run), one line each
    std::string dry_run_sql;               ///< --dry-run: the exact SQL that would run
    std::optional<locks::lock_plan> locks;  ///< --dry-run: what each statement would lock, on this database
    std::vector<std::string> privileges;   ///< the preflight's missing privileges, one line each
    std::string backup;                    ///< --backup: "FILE (N bytes, D ms)"
    std::optional<failure> error;
    bool ok() const { return !error; }
};

/// What the database says is applied, against the compiled revisions.
struct applied_state {
    std::vector<std::string> rows;      ///< version-table rows
    std::vector<std::string> unknown;   ///< applied revisions not compiled in
    std::vector<std::string> modified;  ///< applied revisions whose checksum changed since
};

/// Progress while a migrator works. Called on the migrator's thread; every method may be left
/// as is. A fleet gives each migrator its own observer (or a thread-safe one).
class observer {
public:
    virtual ~observer() = default;
    /// Another runner holds the lock; said once per wait.
    virtual void lock_wait(const std::string& /*line*/) {}
    /// Step `number` of `total` starts (1-based).
    virtual void step_started(const planned_step& /*step*/, std::size_t /*number*/, std::size_t /*total*/) {}
    virtual void step_finished(const step_done& /*step*/) {}
    /// A statement ran, with its wall time (only when `wants_statements()`).
    virtual void statement(const std::string& /*sql*/, double /*seconds*/) {}
    virtual bool wants_statements() const { return false; }
    /// A retry, an INVALID index dropped, a deferred single transaction starting.
    virtual void notice(const std::string& /*line*/) {}
};

}  // namespace retort::migrate
