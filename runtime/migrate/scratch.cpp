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

namespace {
/// The schemas a search path names ("app, public", "\"My App\""), without $user.
std::vector<std::string> search_path_schemas(const std::string& path) {
    std::vector<std::string> out;
    std::string item;
    auto flush = [&] {
        auto b = item.find_first_not_of(' '), e = item.find_last_not_of(' ');
        std::string name = b == std::string::npos ? "" : item.substr(b, e - b + 1);
        if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = name.substr(1, name.size() - 2);
        if (!name.empty() && name != "$user") out.push_back(name);
        item.clear();
    };
    for (char c : path) {
        if (c == ',') flush();
        else item += c;
    }
    flush();
    return out;
}
}  // namespace

db::opened scratch_database::open(const render::version_table& table, const db::open_options& how) const {
    // A fresh database has only public: the schemas the revisions run in (the search path) and
    // the version table's must exist for the replay to land where it lands on the target.
    auto schemas = search_path_schemas(how.search_path);
    if (!table.schema.empty()) schemas.push_back(table.schema);
    if (!schemas.empty()) {
        db::open_options plain;
        plain.role = how.role;
        auto setup = db::open({m_conninfo, table}, plain);
        for (const auto& s : schemas)
            setup.db->execute("CREATE SCHEMA IF NOT EXISTS " + render::quote_identifier(s));
    }
    return db::open({m_conninfo, table}, how);
}

}  // namespace retort::migrate
