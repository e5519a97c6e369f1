// The effective settings of a run and where each came from. Precedence, highest first:
// command-line flags, the environment, retort.ini, built-in defaults. The database URL in full:
// --database-url, then $<url_env> (DATABASE_URL unless retort.ini names another variable), then
// retort.ini's url, then nothing, which lets libpq use its PG* variables.
#pragma once

#include "config/defaults.hpp"
#include "config/project_file.hpp"

#include <functional>
#include <optional>
#include <string>

namespace retort::config {

/// A setting's value and where it came from ("--database-url", "$DATABASE_URL",
/// "/app/retort.ini:4", "default").
struct value {
    std::string text;
    std::string source;
};

/// What a command line set; unset members fall through to the environment, the file, defaults.
struct overrides {
    std::optional<std::string> url, migrations, version_table, version_table_schema, lock_timeout,
        statement_timeout, lock_wait, transaction_mode, max_lock_rows, blocker_wait, terminate_blockers_after;
};

struct settings {
    std::optional<std::filesystem::path> file;  ///< the retort.ini read, if any
    std::string file_source;                    ///< "--config", or "found from <folder> upward"
    value url;                   ///< libpq connection string; empty: libpq's PG* variables
    value url_env;               ///< the environment variable consulted for the URL
    value migrations;            ///< migrations folder (mkrev writes there)
    value version_table, version_table_schema;
    value lock_timeout;          ///< a duration (config/duration.hpp) SET LOCAL in each revision; "0": none
    value statement_timeout;     ///< likewise
    value lock_wait;             ///< how long to wait for another runner's migration lock
    value transaction_mode;      ///< "per-revision" (default) or "single"
    value max_lock_rows;         ///< the lock policy's threshold in rows (exit 8); "0": off
    value blocker_wait;          ///< how long to wait for a quiet moment before a strong lock
    value terminate_blockers_after;  ///< end idle-in-transaction blockers after this long; "0": never
    bool single_transaction() const { return transaction_mode.text == "single"; }
};

/// Reads a variable of the environment; nullopt when unset or empty.
using env_lookup = std::function<std::optional<std::string>(const std::string& name)>;
std::optional<std::string> process_env(const std::string& name);

/// Combines flags, environment, file and defaults; throws retort::usage_error naming the source
/// of an invalid value.
settings resolve(const std::optional<project_file>& file, const overrides& flags, const env_lookup& env = process_env);

/// Finds retort.ini from `start` upward (or reads `explicit_file` when given) and resolves.
settings load(const std::filesystem::path& start, const std::optional<std::filesystem::path>& explicit_file,
              const overrides& flags, const env_lookup& env = process_env);

}  // namespace retort::config
