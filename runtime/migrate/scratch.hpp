// A database created for one command and dropped again when the object goes (RAII): what verify
// replays on, and what drift, schema and autogenerate build the head schema on. Created on the
// server of --scratch-url when given (next to production, a separate server), else on the
// server of the target itself. Named by process and a counter, so threads never share one.
#pragma once

#include "db/open.hpp"

#include <string>
#include <vector>

namespace retort::migrate {

class scratch_database {
public:
    /// `server` is the --scratch-url (empty: `fallback`, the target's own server). Refuses in one
    /// line, naming --scratch-url, when the role may not create databases there.
    scratch_database(const std::string& server, const db::target& fallback, const db::open_options& how,
                     const std::string& prefix, std::vector<std::string>& warnings);
    ~scratch_database();
    scratch_database(const scratch_database&) = delete;
    scratch_database& operator=(const scratch_database&) = delete;

    /// A connection to the scratch database with the role and search path applied and the
    /// version table's schema created, ready for a replay.
    db::opened open(const render::version_table& table, const db::open_options& how) const;

private:
    db::opened m_admin;
    std::vector<std::string>& m_warnings;
    std::string m_name;
    std::string m_conninfo;
};

}  // namespace retort::migrate
