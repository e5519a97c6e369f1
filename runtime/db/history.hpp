// retort_history: one row for every step a runner applies (revision, direction, checksum, times,
// database user, runner version), committed in the same transaction as the step. direction is
// upgrade, downgrade, repair, or "part k/n" for each committed part of a step with autocommit blocks. The table carries
// its own schema version (in its comment); a newer runner upgrades an older shape in place.
#pragma once

#include "render/postgres.hpp"

#include <map>
#include <string>

namespace retort::db {

class session;

/// The shape this runner writes. 1: the first release; 2: adds runner_version; 3: adds detail
/// (op.backfill's last committed key).
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
    /// The latest checksum `upgrade` or `repair` recorded per revision (empty without a table).
    std::map<std::string, std::string> recorded_checksums();
    /// Revisions with an `upgrade` or `repair` row that no `downgrade` row followed.
    std::map<std::string, std::string> applied_by_history();

    /// The INSERT for one step, to commit with it. started_at is the transaction's start (now()).
    render::statement row(const std::string& revision, const std::string& direction,
                          const std::string& checksum, const std::string& detail = {}) const;

    /// The detail of the latest `direction` row of `revision` since its last upgrade or downgrade
    /// row: where an interrupted backfill stopped. Empty when there is none.
    std::string pending_detail(const std::string& revision, const std::string& direction);

private:
    session& m_session;
    std::string m_schema;
};

}  // namespace retort::db
