// Passwords never reach output: every secret the runner learns is registered here, and every
// message on its way out goes through redact().
#pragma once

#include <string>

namespace retort {

/// Both are safe to call from several threads at once (a fleet runs one migrator per thread).
void register_secret(const std::string& secret);
/// The text with every registered secret replaced by ***, and any URL password masked.
std::string redact(std::string text);

}  // namespace retort
