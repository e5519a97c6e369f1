#include "db/guarded_sink.hpp"

#include "config/duration.hpp"
#include "core/errors.hpp"
#include "db/backfill.hpp"
#include "db/invalid_index.hpp"
#include "db/session.hpp"
#include "render/quoting.hpp"

#include <optional>
#include <thread>

namespace retort::db {

namespace {

render::statement set_local(const char* name, const std::string& value) {
    render::statement s;
    s.sql = std::string("SET LOCAL ") + name + " = " + render::quote_literal(value);
    return s;
}

/// An autocommit block, or a safe recipe's steps (several transactional blocks): the step commits
/// part by part.
bool commits_in_parts(const plan::step_program& p) {
    if (p.blocks.size() > 1) return true;
    for (const auto& b : p.blocks)
        if (!b.transactional) return true;
    return false;
}

bool is_set(const std::string& timeout) {
    auto d = config::parse_duration(timeout);
    return d && d->count() > 0;
}

/// Which of the run's own timeouts expired ("lock_timeout (5s, --lock-timeout)"), if one did. A
/// timeout exists only when it was set, and PostgreSQL names it ("canceling statement due to lock
/// timeout"); 57014 without "statement timeout" is a cancel (pg_cancel_backend), 55P03 without
/// "lock timeout" the revision's own NOWAIT.
std::optional<std::string> expired_timeout(const database_error& e, const guard_settings& s) {
    const std::string message = e.what();
    if (e.sqlstate() == "55P03" && is_set(s.lock_timeout) && message.find("lock timeout") != std::string::npos)
        return "lock_timeout (" + s.lock_timeout + ", --lock-timeout)";
    if (e.sqlstate() == "57014" && is_set(s.statement_timeout) &&
        message.find("statement timeout") != std::string::npos)
        return "statement_timeout (" + s.statement_timeout + ", --statement-timeout)";
    return std::nullopt;
}

std::string direction(const plan::step_program& p) { return p.upgrade ? "upgrade" : "downgrade"; }

}  // namespace

plan::step_program guard(const plan::step_program& program, const guard_settings& settings,
                         const render::statement& history_row) {
    plan::step_program out = program;
    for (auto& b : out.blocks) {
        if (!b.transactional) continue;
        b.statements.insert(b.statements.begin(), {set_local("lock_timeout", settings.lock_timeout),
                                                   set_local("statement_timeout", settings.statement_timeout)});
    }
    for (auto it = out.blocks.rbegin(); it != out.blocks.rend(); ++it) {
        if (!it->transactional) continue;
        it->statements.push_back(history_row);
        break;
    }
    return out;
}

plan::step_program single_transaction(const std::vector<plan::step_program>& programs) {
    plan::step_program all;
    all.upgrade = programs.empty() || programs.front().upgrade;
    all.blocks.push_back({});
    for (const auto& p : programs) {
        if (commits_in_parts(p))
            throw usage_error("--single-transaction cannot run revision " + p.revision +
                              ": it has statements PostgreSQL runs only outside a transaction (e.g. CREATE INDEX "
                              "CONCURRENTLY) or a safe recipe that commits step by step (set_not_null, backfill, "
                              "a validation after NOT VALID); run without --single-transaction");
        all.revision += (all.revision.empty() ? "" : ", ") + p.revision;
        for (const auto& b : p.blocks)
            all.blocks.back().statements.insert(all.blocks.back().statements.end(), b.statements.begin(),
                                                b.statements.end());
    }
    all.revision = "(single transaction of " + all.revision + ")";
    all.title = "the whole plan in one transaction";
    return all;
}

guarded_sink::guarded_sink(session& s, history& h, guard_settings settings, checksum_lookup checksum,
                           notice_fn notice)
    : m_session(s), m_history(h), m_settings(std::move(settings)), m_checksum(std::move(checksum)),
      m_notice(std::move(notice)) {
    auto millis = [](const std::string& text) {
        auto d = config::parse_duration(text);
        return std::chrono::duration_cast<std::chrono::milliseconds>(d ? *d : std::chrono::microseconds(0));
    };
    m_quiet.wait = millis(m_settings.blocker_wait);
    m_quiet.terminate_after = millis(m_settings.terminate_blockers_after);
}

void guarded_sink::prepare(const render::statement& create_version_table) {
    m_session.execute(create_version_table.sql);
}

void guarded_sink::run(const plan::step_program& program) {
    auto guarded = guard(program, m_settings,
                         m_history.row(program.revision, direction(program), m_checksum(program.revision)));
    if (m_settings.single_transaction) {
        m_pending.push_back(std::move(guarded));
        return;
    }
    run_with_retries(guarded);
}

void guarded_sink::finish() {
    if (m_pending.empty()) return;
    auto all = single_transaction(m_pending);
    if (m_notice)
        for (const auto& p : m_pending) m_notice("Running " + p.title + " (single transaction)");
    run_with_retries(all);
    m_pending.clear();
}

void guarded_sink::run_in_parts(const plan::step_program& program) {
    const std::size_t parts = program.blocks.size();
    const std::string checksum = m_checksum(program.revision);
    for (std::size_t k = 0; k < parts; ++k) {
        const auto& block = program.blocks[k];
        if (!block.transactional)
            for (const auto& s : block.statements)
                if (auto name = concurrent_index_name(s.sql)) drop_if_invalid(m_session, *name, m_notice);
        plan::step_program part = program;
        part.blocks = {block};
        try {
            if (block.statements.size() == 1 && block.statements.front().backfill)
                run_backfill_part(program.revision, k, *block.statements.front().backfill, checksum);
            else if (!block.transactional || !run_when_quiet(part))
                m_session.run(part);
        } catch (const database_error& e) {
            const bool backfill = block.statements.size() == 1 && block.statements.front().backfill;
            std::string state = backfill && k == 0 ? std::string("a re-run resumes after the last committed batch")
                                : backfill ? "parts before it are committed (see retort_history); a re-run runs them "
                                             "again and resumes the backfill after its last committed batch"
                                : k == 0   ? std::string("no part of it is committed")
                                : k == 1 ? "part 1 is committed (see retort_history); undo it or make it idempotent "
                                           "before re-running"
                                         : "parts 1-" + std::to_string(k) +
                                               " are committed (see retort_history); undo them or make them "
                                               "idempotent before re-running";
            std::string left;
            for (const auto& s : block.statements)
                if (auto name = concurrent_index_name(s.sql); name && is_invalid_index(m_session, *name))
                    left = "; it left the INVALID index " + *name + ", which the next run drops before retrying";
            throw database_error(std::string(e.what()) + " (part " + std::to_string(k + 1) + " of " +
                                     std::to_string(parts) + "; " + state + left + ")",
                                 e.sqlstate());
        }
        if (k + 1 < parts)
            m_session.execute(
                m_history.row(program.revision, "part " + std::to_string(k + 1) + "/" + std::to_string(parts), checksum)
                    .sql);
    }
}

void guarded_sink::run_backfill_part(const std::string& revision, std::size_t part, const op::backfill& b,
                                     const std::string& checksum) {
    // The journal's direction names the part, so two backfills of one revision resume apart.
    const std::string direction = "backfill " + std::to_string(part + 1);
    backfill_run run;
    run.resume_after = m_history.pending_detail(revision, direction);
    run.preamble = {set_local("lock_timeout", m_settings.lock_timeout).sql,
                    set_local("statement_timeout", m_settings.statement_timeout).sql};
    run.journal = [&](const backfill_batch& batch) {
        return m_history.row(revision, direction, checksum, batch.last_key).sql;
    };
    auto say = [this](const std::string& line) {
        if (m_notice) m_notice(line);
    };
    run.progress = [&](const backfill_batch& batch) {
        say("backfill " + b.table + ": batch " + std::to_string(batch.number) + ", " + std::to_string(batch.rows) +
            " rows (" + std::to_string(batch.total_rows) + " in all), last " + b.key + " " + batch.last_key);
    };
    if (!run.resume_after.empty())
        say("backfill " + b.table + ": resuming after " + b.key + " " + run.resume_after +
            " (the last batch an earlier run committed)");
    long long rows = run_backfill(m_session, b, run);
    say("backfill " + b.table + ": done, " + std::to_string(rows) + " rows updated");
}

bool guarded_sink::run_when_quiet(const plan::step_program& program) {
    // The same step with only its lock_timeout shortened: a try that waits in the queue holds up
    // the application's queries on the table for at most that long.
    plan::step_program quick = program;
    const std::string usual = set_local("lock_timeout", m_settings.lock_timeout).sql;
    for (auto& b : quick.blocks)
        for (auto& s : b.statements)
            if (s.sql == usual) s = set_local("lock_timeout", config::blocker_try_lock_timeout);
    return db::run_when_quiet(m_session, quick, m_quiet, m_notice);
}

void guarded_sink::run_with_retries(const plan::step_program& program) {
    // A step with an autocommit block may commit part of itself: it runs once, part by part.
    if (commits_in_parts(program)) return run_in_parts(program);
    int attempts = 1 + m_settings.retries;
    for (int attempt = 1;; ++attempt) {
        try {
            // The preflight's tries fail like any run: a cancel from outside or an expired
            // statement_timeout is told apart the same way; running out of --blocker-wait is final.
            if (!run_when_quiet(program)) m_session.run(program);
            return;
        } catch (const database_error& e) {
            auto expired = expired_timeout(e, m_settings);
            if (!expired && e.sqlstate() == "57014")
                throw database_error(std::string(e.what()) +
                                         "; it was cancelled from outside (pg_cancel_backend or a server shutdown), "
                                         "not by a timeout of this run, so it is not retried",
                                     e.sqlstate());
            if (!expired) throw;
            const std::string& which = *expired;
            if (attempt >= attempts)
                throw database_error(std::string(e.what()) + "; the " + which + " expired" +
                                         (attempts > 1 ? " on all " + std::to_string(attempts) + " attempts" : ""),
                                     e.sqlstate());
            if (m_notice)
                m_notice("revision " + program.revision + ": the " + which + " expired; retrying (attempt " +
                         std::to_string(attempt + 1) + " of " + std::to_string(attempts) + ")");
            std::this_thread::sleep_for(m_settings.retry_pause);
        }
    }
}

void dry_run_sink::run(const plan::step_program& program) {
    auto guarded = guard(program, m_settings,
                         m_history.row(program.revision, direction(program), m_checksum(program.revision)));
    if (m_settings.single_transaction) m_pending.push_back(std::move(guarded));
    else m_printer.run(guarded);
}

void dry_run_sink::finish() {
    if (!m_pending.empty()) m_printer.run(single_transaction(m_pending));
    m_printer.finish();
}

}  // namespace retort::db
