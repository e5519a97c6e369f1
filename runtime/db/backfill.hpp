// op.backfill on the live database: UPDATE in batches along a key, each batch committed on its
// own (row locks held for one batch only), with an optional journal row committed in the same
// transaction as the batch, so a re-run resumes exactly after the last committed batch.
#pragma once

#include <retort/operations.hpp>

#include <functional>
#include <string>
#include <vector>

namespace retort::db {

class session;

struct backfill_batch {
    long long number = 0;      ///< 1, 2, ... counted from where this run started
    long long rows = 0;        ///< rows this batch updated
    long long total_rows = 0;  ///< rows this run updated so far
    std::string last_key;      ///< the batch's last key (text)
};

struct backfill_run {
    std::string resume_after;                 ///< a key from an earlier run; empty: from the start
    std::vector<std::string> preamble;        ///< SET LOCAL ... run first in every batch's transaction
    /// SQL committed with each batch (the history row), from the batch; may be null.
    std::function<std::string(const backfill_batch&)> journal;
    std::function<void(const backfill_batch&)> progress;  ///< after each commit; may be null
};

/// Runs the batches; returns the rows updated. Throws database_error naming the batch on failure
/// (the batches before it stay committed).
long long run_backfill(session& s, const op::backfill& b, const backfill_run& run);

}  // namespace retort::db
