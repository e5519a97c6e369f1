// What `schema`, `drift` and `check --drift` share: the schema the compiled revisions build when
// replayed on a scratch database (migrate/scratch), and the live database's schema read from its
// catalog.
#pragma once

#include "cli/commands.hpp"
#include "db/open.hpp"
#include "schema/catalog_reader.hpp"
#include "schema/diff.hpp"

#include <string>
#include <vector>

namespace retort::cli {

/// --role and --search-path, no lock: how these commands open the databases they only read.
db::open_options inspect_options(const context& ctx);

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
