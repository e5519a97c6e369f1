// The one default of each run setting (README "Safe on a live database"). config::resolve, the
// migrator's options and `runner config` all take them from here.
#pragma once

#include <cstddef>

namespace retort::config {

inline constexpr const char* default_lock_timeout = "5s";
inline constexpr const char* default_statement_timeout = "0";
inline constexpr const char* default_lock_wait = "5min";
/// The lock policy (exit 8) is off until a threshold is set.
inline constexpr const char* default_max_lock_rows = "0";
/// Before a strong lock: how long to wait for a quiet moment, trying with a short lock_timeout.
inline constexpr const char* default_blocker_wait = "1min";
/// The lock_timeout of each such try, short so the lock queue behind it never grows long.
inline constexpr const char* blocker_try_lock_timeout = "200ms";
/// Ending blockers idle in a transaction is off unless asked for.
inline constexpr const char* default_terminate_blockers_after = "0";

/// A version table's primary key is named <table>_pkc: PostgreSQL truncates names to 63 bytes.
inline constexpr std::size_t longest_version_table_name = 59;

}  // namespace retort::config
