// A run's exception as the failure its result carries: message, SQLSTATE, exit code, and the
// revision that was running.
#pragma once

#include "migrate/result.hpp"

#include <exception>
#include <string>

namespace retort::migrate {

failure capture(const std::exception& e, const std::string& running_revision);

}  // namespace retort::migrate
