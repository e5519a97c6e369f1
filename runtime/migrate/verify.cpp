// migrator::verify: does every downgrade restore the schema before its upgrade?
#include "migrate/migrator.hpp"

#include "core/errors.hpp"
#include "db/session.hpp"
#include "migrate/scratch.hpp"
#include "plan/migrate.hpp"
#include "schema/catalog_reader.hpp"
#include "schema/diff.hpp"

namespace retort::migrate {

using graph::index;

namespace {

/// Role and search path applied; no lock (a scratch database is this run's own).
db::open_options unlocked(const options& o) {
    db::open_options how;
    how.role = o.role;
    how.search_path = o.search_path;
    return how;
}

std::vector<std::string> describe_all(const std::vector<schema::difference>& differences) {
    std::vector<std::string> lines;
    for (const auto& d : differences) lines.push_back(schema::describe(d));
    return lines;
}

}  // namespace

verify_report migrator::verify(const std::string& scratch_conninfo) const {
    const auto& g = m_revisions.graph;
    const auto& table = m_target.table;
    verify_report report;
    report.total = g.size();
    scratch_database scratch(scratch_conninfo, m_target, unlocked(m_options), "retort_verify_", report.warnings);
    auto c = scratch.open(table, unlocked(m_options));
    auto& s = *c.db;
    const schema::read_options skip{{{table.schema, table.name}, {table.schema, "retort_history"}}};
    db::database_sink sink(s);
    graph::revision_map m(g);
    std::vector<index> heads;
    auto step = [&](index r, bool up) {
        heads = plan::migrate(m, m_revisions.bodies, heads, {{r, up}}, table, sink);
        return schema::read_schema(s, skip);
    };
    for (index r : g.topological_order()) {
        verified v{g[r].id, g[r].message, g[r].path, {}, {}, {}, {}};
        auto before = schema::read_schema(s, skip);
        auto upgraded = step(r, true);
        if (auto reason = plan::irreversible_reason(*m_revisions.bodies.at(r))) {
            // Its author said it cannot be undone (op.irreversible): nothing to compare, it stays upgraded.
            v.irreversible = *reason;
            report.revisions.push_back(std::move(v));
            continue;
        }
        v.undo = describe_all(schema::diff(before, step(r, false)));
        try {
            v.redo = describe_all(schema::diff(upgraded, step(r, true)));
        } catch (const error& e) {
            v.stuck = e.what();  // the wrong downgrade usually makes the second upgrade fail
        }
        report.revisions.push_back(std::move(v));
        if (!report.revisions.back().stuck.empty()) break;
    }
    return report;
}

}  // namespace retort::migrate
