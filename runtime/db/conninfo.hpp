// A connection string (a postgresql:// URL or key=value pairs) as libpq reads it: validated by
// libpq's own parser, and shown only with its password masked.
#pragma once

#include <string>

namespace retort::db {

/// The string with its password replaced by *** where it stands (URL userinfo, ?password=,
/// password = value), checked against libpq's parse of it. A string libpq cannot parse has its
/// whole userinfo and every password= value masked, since a password may hold any character.
std::string mask_conninfo(const std::string& conninfo);

/// Parses with libpq and registers the password and the masked form for redact(). Throws
/// usage_error "invalid database URL: ..." with libpq's message about the masked text.
void check_conninfo(const std::string& conninfo);

}  // namespace retort::db
