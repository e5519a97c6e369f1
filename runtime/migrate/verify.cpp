// migrator::verify: does every downgrade restore the schema before its upgrade?
#include "migrate/migrator.hpp"

#include "core/errors.hpp"
#include "db/catalog.hpp"
#include "db/connect.hpp"
#include "db/session.hpp"
#include "plan/migrate.hpp"

#include <atomic>
#include <memory>
#include <unistd.h>

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

/// A scratch database on the target's server, dropped again when the object goes (RAII). Named
/// by process and a counter, so migrators on several threads never share one.
class scratch_database {
public:
    scratch_database(const db::target& next_to, const options& o, std::vector<std::string>& warnings)
        : m_admin(db::open(next_to, unlocked(o))), m_warnings(warnings) {
        static std::atomic<int> counter{0};
        m_name = "retort_verify_" + std::to_string(getpid()) + "_" + std::to_string(counter++);
        m_admin.db->execute("DROP DATABASE IF EXISTS " + m_name);
        m_admin.db->execute("CREATE DATABASE " + m_name);
        m_conninfo = db::with_database(next_to.conninfo, m_name);
    }
    ~scratch_database() {
        try {
            m_admin.db->execute("DROP DATABASE IF EXISTS " + m_name + " WITH (FORCE)");
        } catch (...) {
            m_warnings.push_back("could not drop the scratch database " + m_name);
        }
    }
    scratch_database(const scratch_database&) = delete;
    scratch_database& operator=(const scratch_database&) = delete;
    const std::string& conninfo() const { return m_conninfo; }

private:
    db::opened m_admin;
    std::vector<std::string>& m_warnings;
    std::string m_name;
    std::string m_conninfo;
};

}  // namespace

verify_report migrator::verify(const std::string& scratch_conninfo) const {
    const auto& g = m_revisions.graph;
    const auto& table = m_target.table;
    verify_report report;
    report.total = g.size();
    std::unique_ptr<scratch_database> owned;
    if (scratch_conninfo.empty()) owned = std::make_unique<scratch_database>(m_target, m_options, report.warnings);
    auto c = db::open({owned ? owned->conninfo() : scratch_conninfo, table}, unlocked(m_options));
    auto& s = *c.db;
    if (!s.read_versions(table).empty())
        throw usage_error("the scratch database is not empty: it has a version table with rows");
    const std::vector<std::string> skip = {table.name, table.name + "_pkc", "retort_history", "retort_history_pkey",
                                           "retort_history_id_seq"};
    db::database_sink sink(s);
    graph::revision_map m(g);
    std::vector<index> heads;
    auto step = [&](index r, bool up) {
        heads = plan::migrate(m, m_revisions.bodies, heads, {{r, up}}, table, sink);
        return db::schema_snapshot(s, skip);
    };
    for (index r : g.topological_order()) {
        verified v{g[r].id, g[r].message, g[r].path, {}, {}, {}};
        auto before = db::schema_snapshot(s, skip);
        auto upgraded = step(r, true);
        v.undo = db::snapshot_diff(before, step(r, false));
        try {
            v.redo = db::snapshot_diff(upgraded, step(r, true));
        } catch (const error& e) {
            v.stuck = e.what();  // the wrong downgrade usually makes the second upgrade fail
        }
        report.revisions.push_back(std::move(v));
        if (!report.revisions.back().stuck.empty()) break;
    }
    return report;
}

}  // namespace retort::migrate
