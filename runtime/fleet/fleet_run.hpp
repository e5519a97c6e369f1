// Runs one job per target, `jobs` at a time, and returns a record per target. Errors are isolated:
// a failing or unreachable target never stops the others, until `max_failures` is reached; then
// no new target starts and the rest are reported not_attempted. With `canary` K, the first K
// targets in input order run alone first, and the run stops if any of them fails.
#pragma once

#include "fleet/targets.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace retort::fleet {

enum class status { ok, failed, unreachable, not_attempted };
const char* status_name(status s);

/// What happened on one target.
struct record {
    std::string name;
    std::string url;  ///< password masked
    std::string schema;
    status state = status::not_attempted;
    std::vector<std::string> before, after;  ///< version-table rows
    int steps = 0;
    long long duration_ms = 0;
    std::string error_message, error_sqlstate;
    std::vector<std::string> differences;  ///< drift: one line a difference (empty: none, or not drift)
};

struct options {
    int jobs = 4;
    int max_failures = 0;  ///< 0: no limit
    int canary = 0;
};

/// Runs one target; must not throw (a job reports its failure in the record).
using job = std::function<record(const target&)>;

/// Called from the worker threads (serialised) after each target ends.
struct progress {
    std::size_t done = 0, failed = 0, total = 0;
};
using observer = std::function<void(const record&, const progress&)>;

std::vector<record> run_fleet(const std::vector<target>& targets, const options& o, const job& run_one,
                              const observer& notify = {});

/// Where the next target to run comes from when it is not the input order: a coordinator's claims
/// (empty: nothing left). Targets never handed out stay not_attempted.
using source = std::function<std::optional<std::size_t>()>;
std::vector<record> run_fleet_from(const std::vector<target>& targets, const options& o, const source& next,
                                   const job& run_one, const observer& notify = {});

}  // namespace retort::fleet
