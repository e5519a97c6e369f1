// The one default of each run setting (README "Safe on a live database"). config::resolve, the
// migrator's options and `runner config` all take them from here.
#pragma once

#include <cstddef>

namespace retort::config {

inline constexpr const char* default_lock_timeout = "5s";
inline constexpr const char* default_statement_timeout = "0";
inline constexpr const char* default_lock_wait = "5min";

/// A version table's primary key is named <table>_pkc: PostgreSQL truncates names to 63 bytes.
inline constexpr std::size_t longest_version_table_name = 59;

}  // namespace retort::config
