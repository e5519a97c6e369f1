// retort_history: one row for every step a runner applies (revision, direction, checksum, times,
// database user, runner version), committed in the same transaction as the step. direction is
// upgrade, downgrade, repair, stamp, unstamp (a revision `stamp` set applied or not applied
// without running it), "part k/n" for each committed part of a step that commits in parts, or
// "backfill k" for each committed batch of an op.backfill in part k (detail: the batch's last
// key). The table carries its own schema version (in its comment); a newer runner upgrades an
// older shape in place.
#pragma once

#include "render/postgres.hpp"

#include <functional>
#include <map>
#include <string>

namespace retort::db {

class session;

/// The shape this runner writes. 1: the first release; 2: adds runner_version; 3: checksums over
/// the canonical text with names and without default fields (core/legacy_checksum.hpp), and the
/// detail column (what a row needs beyond its columns: a backup's path, size and duration; a
/// backfill batch's last key).
constexpr int history_schema_version = 3;

/// Today's checksum of `revision` when `recorded` is its checksum in the legacy form (schema 1
/// and 2); empty when it is not (a revision modified since, or one this runner does not know).
using legacy_checksum_translation = std::function<std::string(const std::string& revision, const std::string& recorded)>;

class history {
public:
    /// The table `retort_history` in `schema` (empty: the version table's default, current_schema()).
    /// `legacy` reads checksums an older runner recorded: they count as today's until ensure()
    /// rewrites them.
    history(session& s, std::string schema, legacy_checksum_translation legacy);

    std::string qualified_name() const;
    /// 0 when the table does not exist; else the version its comment states (1 when it has none).
    int schema_version();
    /// Creates the table, or upgrades an older one in place (rewriting legacy checksums). Call under
    /// the migration lock.
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
    /// The detail of the latest `direction` row of `revision` since its last upgrade or downgrade
    /// row: where an interrupted op.backfill stopped ("backfill k" rows). Empty when there is none.
    std::string pending_detail(const std::string& revision, const std::string& direction);

private:
    /// The recorded checksum as today's form would write it.
    std::string current_form(int version, const std::string& revision, const std::string& recorded) const;
    /// Rewrites every legacy checksum of the table in today's form (inside ensure()'s transaction).
    std::string rewrite_legacy_checksums();

    session& m_session;
    std::string m_schema;
    legacy_checksum_translation m_legacy;
};

}  // namespace retort::db
