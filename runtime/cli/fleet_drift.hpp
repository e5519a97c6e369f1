// drift over a fleet: each target's schema against what its own revisions build. The expected
// schema of a set of revisions is replayed once and shared by every target at that set (a fleet
// at head costs one replay); a tenant schema's is replayed into that schema, since its names say so.
#pragma once

#include "cli/commands.hpp"
#include "fleet/fleet_run.hpp"
#include "schema/model.hpp"

#include <future>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace retort::cli {

/// Expected schemas by (tenant schema, version-table rows), each replayed once on a scratch
/// database (`scratch_url`; empty: the first asking target's own server). Thread-safe.
class expected_schemas {
public:
    expected_schemas(const context& ctx, std::string scratch_url) : m_ctx(ctx), m_scratch(std::move(scratch_url)) {}
    /// Throws what the replay threw (to every target waiting for the same one).
    schema::schema get(const fleet::target& t, const std::vector<std::string>& rows);

private:
    const context& m_ctx;
    std::string m_scratch;
    std::mutex m_lock;
    std::map<std::pair<std::string, std::vector<std::string>>, std::shared_future<schema::schema>> m_built;
};

/// The context a target's commands see: its connection string, and for a tenant schema the
/// version table in that schema and the search path `schema, public`.
context target_context(const context& ctx, const fleet::target& t);

/// Compares one target's live schema with its expected one; fills `r` (ok: no drift; failed: the
/// differences, one line each, and a message counting them). Throws retort::error.
void drift_target(const context& ctx, const fleet::target& t, expected_schemas& expected, fleet::record& r);

}  // namespace retort::cli
