// The one duration syntax of every setting, in retort.ini and on the command line: PostgreSQL's
// units (us, ms, s, min, h, d) after a whole number; a bare number is milliseconds, as in
// PostgreSQL's lock_timeout and statement_timeout.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace retort::config {

/// nullopt when `text` is not such a duration (or is longer than 100 years).
std::optional<std::chrono::microseconds> parse_duration(const std::string& text);

/// The longest lock_timeout / statement_timeout PostgreSQL takes: INT_MAX milliseconds (24.8 days).
inline constexpr std::chrono::milliseconds longest_server_timeout{2147483647};

/// Checks a duration that came from `source` ("--lock-wait", "/app/retort.ini:4"); throws
/// usage_error naming the setting and the source. `server_timeout`: also at most
/// `longest_server_timeout`.
std::chrono::microseconds checked_duration(const std::string& name, const std::string& text,
                                           const std::string& source, bool server_timeout);

}  // namespace retort::config
