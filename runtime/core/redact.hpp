// Passwords never reach output: every secret the runner learns is registered here, and every
// message on its way out goes through redact().
#pragma once

#include <string>

namespace retort {

/// A password: masked wherever it stands as a whole word (not inside another word, so a short
/// password such as "p" leaves "port" alone).
/// Both are safe to call from several threads at once (a fleet runs one migrator per thread).
void register_secret(const std::string& secret);
/// A connection string as given and its masked form (db/conninfo.hpp): redact() shows the masked one.
void register_connection_string(const std::string& raw, const std::string& masked);
/// The text with every registered connection string masked, every registered secret replaced by
/// ***, and any URL password or password= value masked.
std::string redact(std::string text);

}  // namespace retort
