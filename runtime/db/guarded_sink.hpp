// The live database sink with the production guards: per-transaction timeouts (SET LOCAL, so
// they never shorten the migration-lock wait), a history row committed with each step, retries of
// a step that timed out, --single-transaction (the whole plan in one transaction), the wait for a
// quiet moment before a strong lock (db/quiet_moment), and op.backfill's journaled batches.
#pragma once

#include "config/defaults.hpp"
#include "db/history.hpp"
#include "db/quiet_moment.hpp"
#include "plan/program.hpp"

#include <chrono>
#include <functional>
#include <string>

namespace retort::db {

class session;

struct guard_settings {
    std::string lock_timeout = config::default_lock_timeout;  ///< a duration; "0" turns it off
    std::string statement_timeout = config::default_statement_timeout;
    int retries = 0;                       ///< extra attempts of a step that timed out
    std::chrono::milliseconds retry_pause{2000};
    bool single_transaction = false;
    /// A step needing a strong lock (SHARE or stronger) waits this long for a quiet moment, trying
    /// with a short lock_timeout so it never queues long in front of the application; "0": off.
    std::string blocker_wait = config::default_blocker_wait;
    /// End blockers idle in a transaction after waiting this long; "0": never.
    std::string terminate_blockers_after = config::default_terminate_blockers_after;
};

/// A line for the person watching (a retry, an INVALID index dropped); may be empty.
using notice_fn = std::function<void(const std::string& line)>;

/// The checksum to record for a revision ID.
using checksum_lookup = std::function<std::string(const std::string& revision)>;

/// `program` as it runs: SET LOCAL lock_timeout / statement_timeout first in every transactional
/// block, the history row last in the final one. Pure, so `--dry-run` prints exactly this.
plan::step_program guard(const plan::step_program& program, const guard_settings& settings,
                         const render::statement& history_row);

/// Several guarded programs as one transaction; throws usage_error if one commits in parts (an
/// autocommit block, a safe recipe).
plan::step_program single_transaction(const std::vector<plan::step_program>& programs);

class guarded_sink final : public plan::sink {
public:
    guarded_sink(session& s, history& h, guard_settings settings, checksum_lookup checksum, notice_fn notice);
    void prepare(const render::statement& create_version_table) override;
    void run(const plan::step_program& program) override;
    void finish() override;

private:
    void run_with_retries(const plan::step_program& program);
    /// The preflight (db/quiet_moment) with the short lock_timeout; false when it did not run `program`.
    bool run_when_quiet(const plan::step_program& program);
    /// A step that commits in parts (autocommit blocks, safe recipes), one part (block) at a time:
    /// each completed part is recorded in the history, and a failure says which parts are committed.
    void run_in_parts(const plan::step_program& program);
    /// One op.backfill part: batches journaled in the history, resumed after an interrupted run.
    void run_backfill_part(const std::string& revision, std::size_t part, const op::backfill& b,
                           const std::string& checksum);

    session& m_session;
    history& m_history;
    guard_settings m_settings;
    checksum_lookup m_checksum;
    notice_fn m_notice;
    quiet_moment m_quiet;
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
