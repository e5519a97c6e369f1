// `--backup FILE`: a pg_dump (custom format) of the target database, taken under the migration
// lock before the first change. The connection's settings reach pg_dump through the environment
// variables libpq reads, so the password is never on a command line (visible in ps).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace retort::db {

struct backup_result {
    std::string path;
    std::uintmax_t bytes = 0;
    std::chrono::milliseconds duration{0};
};

/// The major version of a `pg_dump --version` line ("pg_dump (PostgreSQL) 15.18 (Debian …)" → 15); 0 when unreadable.
int pg_dump_major(const std::string& version_line);

/// Refuses a pg_dump older than the server (major version from server_version_num), naming the package.
void check_pg_dump(int server_version_num);

/// Dumps the database of `conninfo` (with `role`: pg_dump --role) into `path`; throws retort::error
/// with one line (the password masked) when pg_dump fails, leaving no partial file.
backup_result take_backup(const std::string& conninfo, const std::string& role, const std::string& path);

}  // namespace retort::db
