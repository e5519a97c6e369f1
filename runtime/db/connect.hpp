// What a runner checks and sets right after connecting, before it takes the migration lock.
#pragma once

#include <string>

namespace retort::db {

class session;

/// The oldest PostgreSQL Retort supports (server_version_num); README states the same.
constexpr int oldest_supported_server = 120000;

/// Set after connecting: a role to act as (SET ROLE), a search_path.
struct connect_settings {
    std::string role;
    std::string search_path;
};

/// Applies the session defaults, refuses a server older than `oldest_supported_server`, then applies `settings`.
void prepare_connection(session& s, const connect_settings& settings);

/// Refuses a connection pooler in transaction (or statement) mode: there, a session-level
/// advisory lock is not held by "our" session between statements. Detected by asking, from a
/// second connection, for a server backend: a pooler that hands out the backend our first
/// connection just used between two of its transactions shares backends per transaction.
void refuse_transaction_pooler(const std::string& conninfo, session& s);

/// The connection string for another database on the same server, as libpq key=value pairs.
std::string with_database(const std::string& conninfo, const std::string& database);

/// Registers the passwords of the libpq password file (PGPASSFILE or ~/.pgpass) as secrets.
void register_password_file_secrets();

}  // namespace retort::db
