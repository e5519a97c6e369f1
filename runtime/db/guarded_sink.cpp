#include "db/guarded_sink.hpp"

#include "core/errors.hpp"
#include "db/backfill.hpp"
#include "db/blockers.hpp"
#include "db/invalid_index.hpp"
#include "db/session.hpp"
#include "render/quoting.hpp"

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

/// lock_timeout and statement_timeout expiring: 55P03 lock_not_available, 57014 query_canceled.
bool timed_out(const database_error& e) { return e.sqlstate() == "55P03" || e.sqlstate() == "57014"; }

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
                           std::ostream& progress)
    : m_session(s), m_history(h), m_settings(std::move(settings)), m_checksum(std::move(checksum)),
      m_progress(progress) {}

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
    for (const auto& p : m_pending) m_progress << "Running " << p.title << " (single transaction)\n";
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
                if (auto name = concurrent_index_name(s.sql)) drop_if_invalid(m_session, *name, m_progress);
        plan::step_program part = program;
        part.blocks = {block};
        try {
            if (block.statements.size() == 1 && block.statements.front().backfill)
                run_backfill_part(program.revision, k, *block.statements.front().backfill, checksum);
            else
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
    db::backfill_run run;
    run.resume_after = m_history.pending_detail(revision, direction);
    run.preamble = {set_local("lock_timeout", m_settings.lock_timeout).sql,
                    set_local("statement_timeout", m_settings.statement_timeout).sql};
    run.journal = [&](const backfill_batch& batch) {
        return m_history.row(revision, direction, checksum, batch.last_key).sql;
    };
    run.progress = [&](const backfill_batch& batch) {
        m_progress << "backfill " << b.table << ": batch " << batch.number << ", " << batch.rows << " rows ("
                   << batch.total_rows << " in all), last " << b.key << " " << batch.last_key << std::endl;
    };
    if (!run.resume_after.empty())
        m_progress << "backfill " << b.table << ": resuming after " << b.key << " " << run.resume_after
                   << " (the last batch an earlier run committed)" << std::endl;
    long long rows = run_backfill(m_session, b, run);
    m_progress << "backfill " << b.table << ": done, " << rows << " rows updated" << std::endl;
}

bool guarded_sink::run_when_quiet(const plan::step_program& program) {
    if (m_settings.blocker_wait.count() <= 0) return false;
    std::vector<locks::table_lock> strong;
    for (const auto& b : program.blocks)
        for (const auto& s : b.statements)
            for (const auto& t : locks::facts(s).tables)
                if (t.mode >= locks::level::share) strong.push_back(t);
    if (strong.empty()) return false;
    plan::step_program quick = program;
    for (auto& b : quick.blocks)
        for (auto& s : b.statements)
            if (s.sql.rfind("SET LOCAL lock_timeout", 0) == 0) s.sql = "SET LOCAL lock_timeout = '200ms'";
    using clock = std::chrono::steady_clock;
    const auto start = clock::now();
    std::string reported;
    for (;;) {
        try {
            m_session.run(quick);
            return true;
        } catch (const database_error& e) {
            if (e.sqlstate() != "55P03") throw;
        }
        std::vector<blocker> blockers;
        for (const auto& t : strong)
            for (auto& b : find_blockers(m_session, t)) blockers.push_back(std::move(b));
        std::string names;
        for (const auto& b : blockers) names += (names.empty() ? "" : ", ") + describe(b);
        if (names.empty()) names = "a connection that has finished by now";
        const auto waited = clock::now() - start;
        if (reported.empty()) {
            reported = names;
            m_progress << "revision " << program.revision << ": waiting for a quiet moment (--blocker-wait) behind "
                       << names << std::endl;
        }
        if (m_settings.terminate_blockers_after.count() > 0 && waited >= m_settings.terminate_blockers_after)
            for (const auto& b : terminate_idle(m_session, blockers, 0))
                m_progress << "revision " << program.revision << ": ended " << describe(b)
                           << " (--terminate-blockers-after)" << std::endl;
        if (waited >= m_settings.blocker_wait)
            throw database_error("revision " + program.revision + " found no quiet moment for its locks within " +
                                     "--blocker-wait (" +
                                     std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                        m_settings.blocker_wait).count()) +
                                     "ms); blocked by " + names + "; nothing of it is applied",
                                 "55P03");
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
    }
}

void guarded_sink::run_with_retries(const plan::step_program& program) {
    // A step with an autocommit block may commit part of itself: it runs once, part by part.
    if (commits_in_parts(program)) return run_in_parts(program);
    if (run_when_quiet(program)) return;
    int attempts = 1 + m_settings.retries;
    for (int attempt = 1;; ++attempt) {
        try {
            m_session.run(program);
            return;
        } catch (const database_error& e) {
            if (!timed_out(e)) throw;
            std::string which = e.sqlstate() == "55P03" ? "lock_timeout (" + m_settings.lock_timeout + ", --lock-timeout)"
                                                        : "statement_timeout (" + m_settings.statement_timeout +
                                                              ", --statement-timeout)";
            if (attempt >= attempts)
                throw database_error(std::string(e.what()) + "; the " + which + " expired" +
                                         (attempts > 1 ? " on all " + std::to_string(attempts) + " attempts" : ""),
                                     e.sqlstate());
            m_progress << "revision " << program.revision << ": the " << which << " expired; retrying (attempt "
                       << attempt + 1 << " of " << attempts << ")" << std::endl;
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
