#include "locks/plan.hpp"

#include <cmath>

namespace retort::locks {

std::string describe(const blocker& b) {
    return "pid " + std::to_string(b.pid) + " (" + (b.application.empty() ? "no application_name" : b.application) +
           ", " + (b.state.empty() ? "state unknown" : b.state) + " for " +
           std::to_string(static_cast<long long>(std::lround(b.age_seconds))) + " s, " +
           (b.granted ? "holds " : "waits for ") + b.mode + " on " + b.table + ")";
}

std::string lock_warning::text() const {
    return revision + ": " + statement + " takes " + name(mode) + " on " + table + " (~" + std::to_string(rows) +
           " rows) and " + (work == cost::rewrite ? "rewrites it" : work == cost::scan ? "scans it" : "may scan it") +
           ": writes wait until it ends";
}

std::vector<lock_warning> lock_plan::unacknowledged() const {
    std::vector<lock_warning> out;
    for (const auto& w : warnings)
        if (!w.acknowledged) out.push_back(w);
    return out;
}

bool long_strong_lock(const statement_facts& f, const table_lock& t) {
    bool long_work = f.work == cost::scan || f.work == cost::rewrite || f.work == cost::unknown;
    return long_work && blocks_writes(t.mode);
}

}  // namespace retort::locks
