#include "migrate/scratch.hpp"

#include "core/errors.hpp"
#include "db/connect.hpp"
#include "db/role.hpp"
#include "render/quoting.hpp"

#include <atomic>
#include <unistd.h>

namespace retort::migrate {

scratch_database::scratch_database(const std::string& server, const db::target& fallback, const db::open_options& how,
                                   const std::string& prefix, std::vector<std::string>& warnings)
    : m_admin(db::open(server.empty() ? fallback : db::target{server, fallback.table}, how)), m_warnings(warnings) {
    static std::atomic<int> counter{0};
    m_name = prefix + std::to_string(getpid()) + "_" + std::to_string(counter++);
    auto role = db::current_role(*m_admin.db);
    if (!role.may_create_databases)
        throw error("cannot create a scratch database: role " + role.name + " may not create databases on the " +
                    (server.empty() ? "server of -d" : "server of --scratch-url") +
                    "; pass --scratch-url URL, a server where it may (never the production database itself)");
    m_admin.db->execute("DROP DATABASE IF EXISTS " + m_name);
    m_admin.db->execute("CREATE DATABASE " + m_name);
    m_conninfo = db::with_database(server.empty() ? fallback.conninfo : server, m_name);
}

scratch_database::~scratch_database() {
    try {
        m_admin.db->execute("DROP DATABASE IF EXISTS " + m_name + " WITH (FORCE)");
    } catch (...) {
        m_warnings.push_back("could not drop the scratch database " + m_name);
    }
}

db::opened scratch_database::open(const render::version_table& table, const db::open_options& how) const {
    auto c = db::open({m_conninfo, table}, how);
    if (!table.schema.empty()) c.db->execute("CREATE SCHEMA IF NOT EXISTS " + render::quote_identifier(table.schema));
    return c;
}

}  // namespace retort::migrate
