// migrator::stamp: the version table set to revisions without running them (Alembic's StampStep
// and HeadMaintainer), each revision stamped on or off recorded in retort_history with its
// checksum, in the same transaction as the version-table change.
#include "migrate/migrator.hpp"

#include "db/history.hpp"
#include "db/session.hpp"
#include "migrate/applied.hpp"
#include "migrate/capture.hpp"
#include "migrate/watched_sink.hpp"
#include "plan/planner.hpp"
#include "render/quoting.hpp"

namespace retort::migrate {

using graph::index;

namespace {

std::string names(const graph::revision_map& m, const std::vector<index>& revs) {
    std::string out;
    for (index i : revs) out += (out.empty() ? "" : ", ") + m.id(i);
    return out.empty() ? "<base>" : out;
}

/// One row per revision that the change makes applied ("stamp") or no longer applied ("unstamp").
std::vector<render::statement> history_rows(const migrator& self, const graph::revision_graph& g,
                                            const db::history& h, const std::vector<index>& before,
                                            const std::vector<index>& after) {
    auto was = g.ancestors(before), is = g.ancestors(after);
    std::vector<render::statement> rows;
    for (index i : g.topological_order())
        if (is[i] && !was[i]) rows.push_back(h.row(g[i].id, "stamp", self.checksum(g[i].id)));
    for (index i : g.topological_order())
        if (was[i] && !is[i]) rows.push_back(h.row(g[i].id, "unstamp", self.checksum(g[i].id)));
    return rows;
}

/// The version-table change and its history rows in one transaction, under the run's timeouts.
plan::step_program stamp_program(const render::version_table& table, const db::guard_settings& guards,
                                 const std::string& revision, const std::string& title, const plan::version_change& c,
                                 std::vector<render::statement> history) {
    plan::step_program p;
    p.revision = revision;
    p.title = title;
    std::vector<render::statement> statements;
    for (const auto& [name, value] : {std::pair{"lock_timeout", guards.lock_timeout},
                                      std::pair{"statement_timeout", guards.statement_timeout}})
        statements.push_back({std::string("SET LOCAL ") + name + " = " + render::quote_literal(value)});
    auto changes = render::version_changes(table, c.deletes, c.updates, c.inserts);
    statements.insert(statements.end(), changes.begin(), changes.end());
    statements.insert(statements.end(), history.begin(), history.end());
    p.blocks.push_back({true, std::move(statements)});
    return p;
}

}  // namespace

run_result migrator::stamp(const std::vector<std::string>& revisions, bool purge, observer& o) const {
    const auto& g = m_revisions.graph;
    const auto& table = m_target.table;
    run_result r;
    std::string running;
    try {
        auto c = connect(true, &o);
        auto& s = *c.db;
        db::history h(s, table.schema);
        graph::revision_map m(g);
        r.rows_before = s.read_versions(table);
        // Plan before changing anything: a bad target leaves the database as it was.
        std::vector<index> known;
        for (const auto& row : r.rows_before)
            if (auto i = g.find(row)) known.push_back(*i);
        auto rows = purge ? std::vector<std::string>{} : r.rows_before;
        plan::head_tracker tracker(m, purge ? std::vector<index>{} : plan::current_heads(g, rows));
        auto steps = plan::plan_stamp(m, rows, revisions);
        if (purge) r.plan.push_back({"", "stamp", "purge version table"});
        for (const auto& st : steps) r.plan.push_back({"", "stamp", "stamp " + names(m, st.from) + " -> " + names(m, st.to)});

        db::database_sink base(s);
        watched_sink out(base, o, r, "stamp");
        out.prepare(render::create_version_table(table));
        h.ensure();
        try {
            if (purge) {
                plan::version_change wipe;
                wipe.deletes = r.rows_before;
                out.run(stamp_program(table, m_options.guards, "", "purge version table", wipe, history_rows(*this, g, h, known, {})));
            }
            for (const auto& st : steps) {
                auto before = tracker.heads();
                auto change = tracker.apply(st);
                auto title = "stamp " + names(m, st.from) + " -> " + names(m, st.to);
                out.run(stamp_program(table, m_options.guards, names(m, st.to), title, change,
                                      history_rows(*this, g, h, before, tracker.heads())));
            }
            out.finish();
        } catch (...) {
            running = out.running();
            throw;
        }
    } catch (const std::exception& e) {
        r.error = capture(e, running);
    }
    return r;
}

}  // namespace retort::migrate
