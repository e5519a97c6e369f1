// Database messages made fit for one line of output.
#pragma once

#include <string>

namespace retort {

/// libpq messages span lines ("connection failed\n\tIs the server running..."); we print one.
std::string one_line(const std::string& text);

/// A statement flattened to one line and cut at 160 characters, for error messages.
std::string shorten(const std::string& sql);

}  // namespace retort
