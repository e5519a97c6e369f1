// The one function that opens a connection for a command: every setting applied, the version
// table located, and (for a command that changes the database) the migration lock taken.
#pragma once

#include "db/session.hpp"
#include "render/version_table.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace retort::db {

/// One database and the version table in it.
struct target {
    std::string conninfo;          ///< postgresql:// URL or key=value pairs; empty: libpq's PG* variables
    render::version_table table;   ///< schema empty: the first schema of the search path
};

/// What `open` does after connecting.
struct open_options {
    std::string role;              ///< SET ROLE (--role); empty: the login role
    std::string search_path;       ///< search_path (--search-path); empty: the server's
    /// Take the migration lock (and refuse a transaction-mode pooler first, under which the lock
    /// would not hold). Read-only commands leave it off: one connection, no probe, no lock.
    bool lock = false;
    std::chrono::milliseconds lock_wait{0};  ///< with `lock`: the longest wait (the caller's setting)
    /// Told once, with a line such as "waiting for the migration lock held by pid N since T".
    std::function<void(const std::string&)> on_lock_wait;
};

/// A ready connection. With the lock, `schema` is where the version table lives (or would be
/// created) once the role and search path apply, and the lock key is computed from it; without
/// it, `database`, `schema` and `lock_key` stay empty.
struct opened {
    std::unique_ptr<session> db;
    render::version_table table;   ///< as given (unqualified when no schema was given)
    std::string database;          ///< current_database()
    std::string schema;            ///< the resolved version-table schema
    std::int64_t lock_key = 0;     ///< migration_lock_key(database, schema, table.name)
    bool locked = false;
};

/// Connects; refuses a server older than PostgreSQL 12; sets standard_conforming_strings = on,
/// client_connection_check_interval (14+), the role and the search path; with `o.lock`, resolves
/// the version-table schema, refuses a transaction pooler and takes the lock.
/// Throws usage_error for a malformed connection string, retort::error / database_error otherwise.
opened open(const target& t, const open_options& o);

/// What `open` does with `o.lock`, on a connection `open` made without it (with the same role
/// and search path): a read that found work to do goes on to change the database on the same
/// connection instead of opening another. Throws connection_error when that connection is gone.
void take_lock(opened& c, const target& t, const open_options& o);

}  // namespace retort::db
