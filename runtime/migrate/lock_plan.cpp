// The migrator's lock plan: `runner plan`, `--dry-run`'s lock lines and the lock policy
// (--max-lock-rows, exit 8) all build it here, from the same programs the run would execute.
#include "migrate/migrator.hpp"

#include "core/errors.hpp"
#include "db/lock_plan.hpp"
#include "migrate/lock_policy.hpp"
#include "plan/collect_sink.hpp"
#include "plan/migrate.hpp"

namespace retort::migrate {

locks::lock_plan migrator::plan_locks(db::session& s, const std::vector<graph::index>& current,
                                      const std::vector<plan::step>& steps) const {
    graph::revision_map m(m_revisions.graph);
    plan::collect_sink programs;
    plan::migrate(m, m_revisions.bodies, current, steps, m_target.table, programs);
    std::vector<std::vector<acknowledgement>> acknowledged;
    for (const auto& step : steps) {
        const auto& body = *m_revisions.bodies.at(step.revision);
        acknowledged.push_back(record_acknowledgements(step.upgrade ? body.upgrade : body.downgrade));
    }
    return db::build_lock_plan(s, programs.programs(), acknowledged, m_options.max_lock_rows);
}

locks::lock_plan migrator::lock_plan(const std::string& goal, bool upgrade) const {
    auto c = connect(false, nullptr);
    auto rows = c.db->read_versions(m_target.table);
    graph::revision_map m(m_revisions.graph);
    auto steps = upgrade ? plan::plan_upgrade(m, rows, goal) : plan::plan_downgrade(m, rows, goal);
    return plan_locks(*c.db, plan::current_heads(m_revisions.graph, rows), steps);
}

void refuse_lock_policy(const locks::lock_plan& plan) {
    auto refused = plan.unacknowledged();
    if (refused.empty()) return;
    std::string why = refused.front().text();
    if (refused.size() > 1) why += " (and " + std::to_string(refused.size() - 1) + " more; see 'runner plan')";
    throw error("lock policy (--max-lock-rows " + std::to_string(plan.max_lock_rows) + "): " + why +
                    "; use a safe recipe (docs/locks.md), or acknowledge it in the revision with op.acknowledge(\"" +
                    locks::large_table_rule + "\", \"why\")",
                exit_lock_policy);
}

}  // namespace retort::migrate
