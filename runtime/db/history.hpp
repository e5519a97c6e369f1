// retort_history: one row for every step a runner applies (revision, direction, checksum, times,
// database user, runner version), committed in the same transaction as the step. direction is
// upgrade, downgrade, repair, stamp, unstamp (a revision `stamp` set applied or
// not applied without running it), or "part k/n" for each committed part of a step with autocommit blocks. The table carries
// its own schema version (in its comment); a newer runner upgrades an older shape in place.
#pragma once

#include "render/postgres.hpp"

#include <map>
#include <string>

namespace retort::db {

class session;

/// The shape this runner writes. 1: the first release; 2: adds runner_version; 3: adds detail
/// (what a row needs beyond its columns, e.g. a backup's path, size and duration).
constexpr int history_schema_version = 3;

class history {
public:
    /// The table `retort_history` in `schema` (empty: the version table's default, current_schema()).
    history(session& s, std::string schema);

    std::string qualified_name() const;
    /// 0 when the table does not exist; else the version its comment states (1 when it has none).
    int schema_version();
    /// Creates the table, or upgrades an older one in place. Call under the migration lock.
    void ensure();
    /// The latest checksum `upgrade`, `repair` or `stamp` recorded per revision (empty without a table).
    std::map<std::string, std::string> recorded_checksums();
    /// Revisions with an `upgrade`, `repair` or `stamp` row that no `downgrade` or `unstamp` row followed.
    std::map<std::string, std::string> applied_by_history();

    /// The INSERT for one step, to commit with it. started_at is the transaction's start (now()).
    render::statement row(const std::string& revision, const std::string& direction, const std::string& checksum,
                          const std::string& detail = {}) const;
    /// Records a row of its own (direction "backup"), outside any step.
    void record(const std::string& revision, const std::string& direction, const std::string& detail);

private:
    session& m_session;
    std::string m_schema;
};

}  // namespace retort::db
