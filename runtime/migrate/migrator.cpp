#include "migrate/migrator.hpp"

#include "core/errors.hpp"
#include "core/legacy_checksum.hpp"
#include "db/backup.hpp"
#include "db/history.hpp"
#include "db/privileges.hpp"
#include "db/session.hpp"
#include "lint/lint.hpp"
#include "migrate/applied.hpp"
#include "migrate/capture.hpp"
#include "migrate/lock_policy.hpp"
#include "migrate/watched_sink.hpp"
#include "plan/migrate.hpp"
#include "plan/planner.hpp"
#include "plan/privilege_needs.hpp"
#include "plan/sql_sink.hpp"

#include <sstream>

namespace retort::migrate {

namespace {

std::vector<plan::step> plan_steps(const graph::revision_map& m, const std::vector<std::string>& rows, bool upgrade,
                                   const std::string& goal) {
    return upgrade ? plan::plan_upgrade(m, rows, goal) : plan::plan_downgrade(m, rows, goal);
}

std::vector<planned_step> describe(const graph::revision_graph& g, const std::vector<plan::step>& steps) {
    std::vector<planned_step> out;
    for (const auto& s : steps)
        out.push_back({g[s.revision].id, s.upgrade ? "upgrade" : "downgrade", plan::step_title(g, s)});
    return out;
}

}  // namespace

migrator::migrator(const loaded_revisions& revisions, db::target target, options o)
    : m_revisions(revisions), m_target(std::move(target)), m_options(std::move(o)) {}

std::string migrator::checksum(const std::string& id) const { return compiled_checksum(m_revisions, id); }

db::opened migrator::connect(bool lock, observer* o) const {
    db::open_options how;
    how.role = m_options.role;
    how.search_path = m_options.search_path;
    how.lock = lock;
    how.lock_wait = m_options.lock_wait;
    if (o) how.on_lock_wait = [o](const std::string& line) { o->lock_wait(line); };
    if (!m_idle) return db::open(m_target, how);
    db::opened kept = std::move(*m_idle);
    m_idle.reset();
    if (!lock) return kept;
    try {
        db::take_lock(kept, m_target, how);
        return kept;
    } catch (const connection_error&) {
        return db::open(m_target, how);  // closed while idle (a prompt, idle_session_timeout)
    }
}

db::history migrator::history(db::session& s) const {
    auto legacy = [this](const std::string& id, const std::string& recorded) -> std::string {
        auto i = m_revisions.graph.find(id);
        if (!i || legacy_revision_checksum(*m_revisions.bodies.at(*i)) != recorded) return {};
        return compiled_checksum(m_revisions, id);
    };
    return db::history(s, m_target.table.schema, legacy);
}

std::vector<std::string> migrator::version_rows() const {
    auto c = connect(false, nullptr);
    auto rows = c.db->read_versions(m_target.table);
    m_idle = std::make_unique<db::opened>(std::move(c));
    return rows;
}

applied_state migrator::applied() const {
    auto c = connect(false, nullptr);
    auto h = history(*c.db);
    return read_applied(m_revisions, *c.db, m_target.table, h);
}

std::vector<planned_step> migrator::pending(const std::string& goal, bool upgrade,
                                           std::vector<std::string>* rows) const {
    auto current = version_rows();
    if (rows) *rows = current;
    return pending_from(current, goal, upgrade);
}

std::vector<planned_step> migrator::pending_from(const std::vector<std::string>& rows, const std::string& goal,
                                                 bool upgrade) const {
    graph::revision_map m(m_revisions.graph);
    return describe(m_revisions.graph, plan_steps(m, rows, upgrade, goal));
}

std::vector<std::string> migrator::missing_privileges(db::session& s, const std::vector<plan::step>& steps,
                                                      std::string& role) const {
    std::vector<std::string> lines;
    if (steps.empty()) return lines;
    auto needs = plan::plan_privilege_needs(m_revisions.graph, m_revisions.bodies, steps);
    auto report = db::missing_privileges(s, needs, m_target.table);
    role = report.role;
    for (const auto& m : report.missing) lines.push_back(db::describe(m));
    if (!lines.empty())
        for (const auto& u : needs.unchecked)
            lines.push_back("revision " + u.revision + ": " + u.statement + ": not checked (raw SQL)");
    return lines;
}

void migrator::refuse_missing_privileges(db::session& s, const std::vector<plan::step>& steps, run_result& r) const {
    std::string role;
    r.privileges = missing_privileges(s, steps, role);
    std::size_t missing = 0;
    for (const auto& line : r.privileges) missing += line.find(": not checked (raw SQL)") == std::string::npos;
    if (missing == 0) return;
    throw error("role " + role + " lacks " + std::to_string(missing) + " privilege" + (missing == 1 ? "" : "s") +
                " the plan needs; nothing was changed");
}

run_result migrator::upgrade(const std::string& goal, observer& o) const { return migrate(true, goal, o); }
run_result migrator::downgrade(const std::string& goal, observer& o) const { return migrate(false, goal, o); }

run_result migrator::migrate(bool upgrade, const std::string& goal, observer& o) const {
    const auto& g = m_revisions.graph;
    const auto& table = m_target.table;
    run_result r;
    try {
        auto c = connect(true, &o);
        auto& s = *c.db;
        // Everything that can refuse comes before the first change, so a refused run changes nothing.
        auto h = history(s);
        auto state = read_applied(m_revisions, s, table, h);
        r.rows_before = state.rows;
        if (!m_options.allow_modified) refuse_modified(m_revisions, state);
        auto current = plan::current_heads(g, state.rows);
        graph::revision_map m(g);
        auto steps = plan_steps(m, state.rows, upgrade, goal);
        r.plan = describe(g, steps);
        refuse_missing_privileges(s, steps, r);
        // --dry-run shows what each statement will lock; --max-lock-rows refuses (exit 8) before
        // anything runs.
        if (m_options.dry_run) r.locks = plan_locks(s, current, steps);
        else if (m_options.max_lock_rows > 0) refuse_lock_policy(plan_locks(s, current, steps));
        auto checksum = [this](const std::string& id) { return compiled_checksum(m_revisions, id); };
        if (m_options.dry_run) {
            for (const auto& step : steps)
                if (step.upgrade)
                    for (const auto& f : lint::lint_revision(g[step.revision].id, *m_revisions.bodies.at(step.revision)))
                        r.warnings.push_back(lint::describe(g[step.revision].id, f));
            std::ostringstream sql;
            plan::sql_sink printer(sql, false);
            db::dry_run_sink out(h, m_options.guards, checksum, printer);
            plan::migrate(m, m_revisions.bodies, current, steps, table, out);
            r.dry_run_sql = sql.str();
            return r;
        }
        if (!steps.empty() && !m_options.backup.empty()) {
            db::check_pg_dump(s.server_version());
            auto b = db::take_backup(m_target.conninfo, m_options.role, m_options.backup);
            r.backup = b.path + " (" + std::to_string(b.bytes) + " bytes, " + std::to_string(b.duration.count()) + " ms)";
            o.notice("Backup: " + r.backup);
        }
        if (!steps.empty()) h.ensure();
        if (!r.backup.empty()) h.record(state.rows.empty() ? "" : state.rows.front(), "backup", r.backup);
        db::guarded_sink guarded(s, h, m_options.guards, checksum, [&o](const std::string& line) { o.notice(line); });
        watched_sink out(guarded, o, r);
        if (o.wants_statements())
            s.observe_statements([&o](const std::string& sql, double seconds) { o.statement(sql, seconds); });
        try {
            plan::migrate(m, m_revisions.bodies, current, steps, table, out);
        } catch (const std::exception& e) {
            r.error = capture(e, out.running());
        }
        try {
            r.rows_after = s.read_versions(table);
        } catch (const std::exception&) {
            // The connection is gone: whoever needs the rows reads them again (or learns why not).
        }
    } catch (const std::exception& e) {
        r.error = capture(e, "");
    }
    return r;
}

}  // namespace retort::migrate
