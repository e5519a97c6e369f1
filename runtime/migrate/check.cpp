// migrator::check and migrator::repair: the database against the compiled revisions.
#include "migrate/migrator.hpp"

#include "core/errors.hpp"
#include "db/history.hpp"
#include "db/session.hpp"
#include "lint/lint.hpp"
#include "migrate/applied.hpp"
#include "plan/migrate.hpp"
#include "plan/planner.hpp"

#include <algorithm>
#include <iterator>

namespace retort::migrate {

using graph::index;

check_report migrator::check() const {
    const auto& g = m_revisions.graph;
    auto c = connect(false, nullptr);
    db::history h(*c.db, m_target.table.schema);
    check_report report;
    report.state = read_applied(m_revisions, *c.db, m_target.table, h);
    for (index i : g.heads()) report.heads.push_back(g[i].id);
    if (report.state.unknown.empty()) {
        plan::current_heads(g, report.state.rows);  // throws for a corrupted version table
        for (const auto& step : plan::plan_upgrade(graph::revision_map(g), report.state.rows, "heads")) {
            report.pending.push_back({g[step.revision].id, "upgrade", plan::step_title(g, step)});
            for (const auto& f : lint::lint_revision(g[step.revision].id, *m_revisions.bodies.at(step.revision)))
                report.lint.push_back(lint::describe(g[step.revision].id, f));
        }
    }
    if (report.state.unknown.empty()) {
        auto steps = plan::plan_upgrade(graph::revision_map(g), report.state.rows, "heads");
        report.privileges = missing_privileges(*c.db, steps, report.role);
    }
    // The first that holds decides, in this order (README's exit codes, `check --help`).
    if (!report.state.unknown.empty()) report.exit_code = exit_unknown_applied;
    else if (!report.state.modified.empty()) report.exit_code = exit_modified;
    else if (report.heads.size() > 1) report.exit_code = exit_multiple_heads;
    else if (!report.privileges.empty()) report.exit_code = exit_failure;
    else if (!report.pending.empty()) report.exit_code = exit_not_at_head;
    return report;
}

std::vector<repaired> migrator::repair(observer& o) const {
    const auto& g = m_revisions.graph;
    auto c = connect(true, &o);
    db::history h(*c.db, m_target.table.schema);
    h.ensure();
    auto state = read_applied(m_revisions, *c.db, m_target.table, h);
    if (!state.unknown.empty()) {
        std::string names;
        for (const auto& id : state.unknown) names += (names.empty() ? "" : ", ") + id;
        throw error("cannot repair: the database has revisions this runner does not know: " + names);
    }
    auto recorded = h.recorded_checksums();
    auto applied = g.ancestors(plan::current_heads(g, state.rows));
    std::vector<repaired> out;
    for (index i : g.topological_order()) {
        if (!applied[i]) continue;
        const std::string& id = g[i].id;
        std::string now = compiled_checksum(m_revisions, id);
        auto it = recorded.find(id);
        if (it != recorded.end() && it->second == now) continue;
        c.db->execute(h.row(id, "repair", now).sql);
        out.push_back({id, g[i].path, it == recorded.end()});
    }
    return out;
}

}  // namespace retort::migrate
