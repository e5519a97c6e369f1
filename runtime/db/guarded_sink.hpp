// The live database sink with the production guards: per-transaction timeouts (SET LOCAL, so
// they never shorten the migration-lock wait), a history row committed with each step, retries of
// a step that timed out, and --single-transaction (the whole plan in one transaction).
#pragma once

#include "db/history.hpp"
#include "plan/program.hpp"

#include <chrono>
#include <functional>
#include <ostream>
#include <string>

namespace retort::db {

class session;

struct guard_settings {
    std::string lock_timeout = "5s";       ///< PostgreSQL duration; "0" turns it off
    std::string statement_timeout = "0";
    int retries = 0;                       ///< extra attempts of a step that timed out
    std::chrono::milliseconds retry_pause{2000};
    bool single_transaction = false;
    /// A step needing a strong lock (SHARE or stronger) waits for a quiet moment this long, trying
    /// with lock_timeout 200ms so it never queues long in front of the application; 0: off.
    std::chrono::milliseconds blocker_wait{60000};
    std::chrono::milliseconds terminate_blockers_after{0};  ///< end idle-in-transaction blockers; 0: never
};

/// The checksum to record for a revision ID.
using checksum_lookup = std::function<std::string(const std::string& revision)>;

/// `program` as it runs: SET LOCAL lock_timeout / statement_timeout first in every transactional
/// block, the history row last in the final one. Pure, so `--dry-run` prints exactly this.
plan::step_program guard(const plan::step_program& program, const guard_settings& settings,
                         const render::statement& history_row);

/// Several guarded programs as one transaction; throws usage_error if one has an autocommit block.
plan::step_program single_transaction(const std::vector<plan::step_program>& programs);

class guarded_sink final : public plan::sink {
public:
    guarded_sink(session& s, history& h, guard_settings settings, checksum_lookup checksum, std::ostream& progress);
    void prepare(const render::statement& create_version_table) override;
    void run(const plan::step_program& program) override;
    void finish() override;

private:
    void run_with_retries(const plan::step_program& program);
    /// The preflight: retries `program` with a 200ms lock_timeout until the tables it strongly
    /// locks are quiet, reporting the blockers; false when it needs no strong lock.
    bool run_when_quiet(const plan::step_program& program);
    /// A step with autocommit blocks, one part (block) at a time: each completed part is recorded
    /// in the history, and a failure says which parts are committed.
    void run_in_parts(const plan::step_program& program);
    /// One op.backfill part: batches journaled in the history, resumed after an interrupted run.
    void run_backfill_part(const std::string& revision, std::size_t part, const op::backfill& b,
                           const std::string& checksum);

    session& m_session;
    history& m_history;
    guard_settings m_settings;
    checksum_lookup m_checksum;
    std::ostream& m_progress;
    std::vector<plan::step_program> m_pending;  ///< --single-transaction: run together in finish()
};

/// `--dry-run`: the guarded programs printed as SQL, nothing executed.
class dry_run_sink final : public plan::sink {
public:
    dry_run_sink(const history& h, guard_settings settings, checksum_lookup checksum, plan::sink& printer)
        : m_history(h), m_settings(std::move(settings)), m_checksum(std::move(checksum)), m_printer(printer) {}
    void prepare(const render::statement& create_version_table) override { m_printer.prepare(create_version_table); }
    void run(const plan::step_program& program) override;
    void finish() override;

private:
    const history& m_history;
    guard_settings m_settings;
    checksum_lookup m_checksum;
    plan::sink& m_printer;
    std::vector<plan::step_program> m_pending;
};

}  // namespace retort::db
