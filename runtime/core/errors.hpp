// One error root; each subclass carries what a person needs to act. Turned into a message and an
// exit code in exactly one place: the runner's main().
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace retort {

/// Exit codes, documented in README.md.
enum exit_code : int {
    exit_ok = 0,
    exit_failure = 1,       ///< a migration or database error
    exit_usage = 2,         ///< bad command line, unknown or ambiguous revision
    exit_multiple_heads = 3, ///< `heads --check` / `check` found more than one head
    exit_not_at_head = 4,    ///< `check`: revisions are waiting to be applied
    exit_modified = 5,       ///< `check`: an applied revision changed since (see `repair`)
    exit_unknown_applied = 6, ///< `check`: the database has revisions this runner does not know
    exit_drift = 7,          ///< `drift`, `check --drift`: the schema differs; `schema --check`: the file is stale
    exit_lock_policy = 8,    ///< `upgrade --max-lock-rows`: a strong lock would scan or rewrite a large table
    exit_fleet = 9           ///< a fleet run: a target failed, was unreachable or was not attempted
};

class error : public std::runtime_error {
public:
    explicit error(const std::string& message, int code = exit_failure) : std::runtime_error(message), m_code(code) {}
    int exit_code() const noexcept { return m_code; }

private:
    int m_code;
};

/// Bad command line or target the user typed.
class usage_error : public error {
public:
    explicit usage_error(const std::string& message) : error(message, exit_usage) {}
};

/// A target that names no revision, or several.
class resolution_error : public error {
public:
    resolution_error(const std::string& message, std::vector<std::string> candidates = {})
        : error(message, exit_usage), m_candidates(std::move(candidates)) {}
    const std::vector<std::string>& candidates() const noexcept { return m_candidates; }

private:
    std::vector<std::string> m_candidates;
};

/// The revision graph itself is broken: duplicate ID, missing parent, cycle.
class graph_error : public error {
public:
    explicit graph_error(const std::string& message) : error(message, exit_failure) {}
};

/// The server could not be reached, or closed the connection.
class connection_error : public error {
public:
    explicit connection_error(const std::string& message) : error(message, exit_failure) {}
};

/// Something the database refused; the message names the revision and statement.
class database_error : public error {
public:
    database_error(const std::string& message, std::string sqlstate = {})
        : error(message, exit_failure), m_sqlstate(std::move(sqlstate)) {}
    const std::string& sqlstate() const noexcept { return m_sqlstate; }

private:
    std::string m_sqlstate;
};

}  // namespace retort
