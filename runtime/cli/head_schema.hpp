// What `verify`, `schema`, `drift` and `check --drift` share: a scratch database, the schema the
// compiled revisions build when replayed on it, and the live database's schema read from its catalog.
#pragma once

#include "cli/commands.hpp"
#include "schema/catalog_reader.hpp"
#include "schema/diff.hpp"

#include <memory>
#include <string>
#include <vector>

namespace retort::cli {

/// A database created for one command and dropped again when the object goes (RAII): on the
/// server of `server_url` when given, else on the server of -d. Refuses in one line, naming
/// --scratch-url, when the role may not create databases there.
class scratch_database {
public:
    scratch_database(const context& ctx, const std::string& server_url, const std::string& prefix);
    ~scratch_database();
    scratch_database(const scratch_database&) = delete;
    scratch_database& operator=(const scratch_database&) = delete;
    const std::string& conninfo() const { return m_conninfo; }

private:
    std::unique_ptr<db::session> m_admin;
    std::string m_name;
    std::string m_conninfo;
};

/// A connection to the scratch database, with --role and --search-path applied and the version
/// table's schema created, ready for a replay.
std::unique_ptr<db::session> scratch_session(const context& ctx, const scratch_database& scratch);

/// Retort's own tables (version table, history), left out of every model.
schema::read_options model_options(const context& ctx);

/// The schema the compiled revisions build, replayed in order on a scratch database: up to
/// `revisions` (version-table rows), or up to every head when `revisions` is empty and `all_heads`.
schema::schema replayed_schema(const context& ctx, const std::string& scratch_url,
                               const std::vector<std::string>& revisions, bool all_heads);

/// The live database compared with the schema its version table says it should have.
struct drift_report {
    std::vector<std::string> revisions;  ///< the version-table rows the expected schema was built to
    std::vector<schema::difference> differences;  ///< from expected to live
};
drift_report find_drift(const context& ctx, const std::string& scratch_url);

}  // namespace retort::cli
