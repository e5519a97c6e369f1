// The preflight against the live lock queue. A statement that waits for a strong lock sits in the
// queue in front of every later query on the table, so instead of waiting there, the step is tried
// with a short lock_timeout, again and again, until the connections holding or awaiting a
// conflicting lock are gone ("a quiet moment"); they are named while the runner waits, and in the
// error when none came. Connections idle in a transaction can be ended after a while (a cancel
// releases nothing there).
#pragma once

#include "plan/program.hpp"

#include <chrono>
#include <functional>
#include <string>

namespace retort::db {

class session;

struct quiet_moment {
    std::chrono::milliseconds wait{0};             ///< how long to keep trying; 0: no preflight
    std::chrono::milliseconds terminate_after{0};  ///< end idle-in-transaction blockers after this; 0: never
    std::chrono::milliseconds pause{300};          ///< between tries
};

/// Runs `quick` (a guarded step whose lock_timeout is short) until it gets its locks. Returns
/// false, running nothing, when the step takes no strong lock (SHARE or stronger) or the preflight
/// is off. Throws database_error (55P03) naming the blockers when `q.wait` passes; other errors
/// as they come.
bool run_when_quiet(session& s, const plan::step_program& quick, const quiet_moment& q,
                    const std::function<void(const std::string&)>& notice);

}  // namespace retort::db
