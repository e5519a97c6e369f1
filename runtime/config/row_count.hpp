// A number of rows as a setting takes it (max_lock_rows): digits only, 0 meaning "off".
#pragma once

#include <string>

namespace retort::config {

/// The rows `text` from `source` ("--max-lock-rows", "/app/retort.ini:4") stands for; throws
/// usage_error naming the setting and the source.
long long checked_row_count(const std::string& name, const std::string& text, const std::string& source);

}  // namespace retort::config
