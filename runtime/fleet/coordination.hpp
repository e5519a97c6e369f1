// `--coordinate`: several runner processes (on several machines) share one fleet run through a
// table in the control database. Each process claims targets with FOR UPDATE SKIP LOCKED and
// records results there. A process holds an advisory lock (its worker key) on its control
// connection for as long as it lives; a claim whose worker's lock is gone (the process crashed
// or lost its connection) is taken over. PostgreSQL is the coordinator: no service to run.
#pragma once

#include "fleet/fleet_run.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace retort::db {
class session;
}

namespace retort::fleet {

/// The run's identity: the command, its goal and the target names (the same command run on two
/// machines joins the same run).
std::string run_id(const std::string& command, const std::string& goal, const std::vector<target>& targets);

class coordinator {
public:
    /// Connects to the control database, creates the table when missing, registers the run's
    /// targets and takes this process's worker lock. Targets a dead worker left failed or claimed
    /// become pending again, so re-running the same command resumes.
    coordinator(const std::string& control_conninfo, std::string run, const std::vector<target>& targets);
    ~coordinator();
    coordinator(const coordinator&) = delete;
    coordinator& operator=(const coordinator&) = delete;

    /// The index (in the constructor's list) of the next target this process may run: pending, or
    /// claimed by a worker that is gone. Empty when none is left. Thread-safe.
    std::optional<std::size_t> claim();
    /// Records what happened on a claimed target. Thread-safe.
    void finish(std::size_t index, const record& r);
    /// Every target of the run as the control database has it now, in input order.
    std::vector<record> records();

    const std::string& run() const { return m_run; }

private:
    struct impl;
    std::unique_ptr<impl> m;
    std::string m_run;
    std::vector<target> m_targets;
};

/// One run's progress as the control database has it.
struct run_status {
    std::string run;
    std::size_t pending = 0, claimed = 0, ok = 0, failed = 0, unreachable = 0;
    std::string started, updated;
    std::vector<record> problems;  ///< failed and unreachable targets with their errors
};

/// `runner fleet-status --control URL`: every run (newest first), or only `run` when given.
std::vector<run_status> fleet_status(const std::string& control_conninfo, const std::string& run = {});

}  // namespace retort::fleet
