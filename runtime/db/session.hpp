// One libpqxx connection for a run: connect (libpq parses the URL), lock, read and change the
// version table, run step programs. libpqxx stays behind this header.
#pragma once

#include "plan/program.hpp"
#include "render/version_table.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace pqxx {
class connection_base;
}

namespace retort::db {

class session {
public:
    /// A libpq connection string: a postgresql:// URL or key=value pairs; empty uses libpq's
    /// PG* environment variables. Throws retort::error with the password masked.
    explicit session(const std::string& conninfo);
    ~session();

    /// Rows of the version table; empty when the table does not exist yet.
    std::vector<std::string> read_versions(const render::version_table& table);

    /// Takes the migration lock `key` (db/lock.hpp) for the rest of this session, waiting at most
    /// `wait`. Called by db::open, which computes the key.
    void lock_migrations(std::int64_t key, std::chrono::milliseconds wait,
                         const std::function<void(const std::string&)>& on_wait);

    /// Runs one step: each transactional block commits or rolls back as a whole.
    void run(const plan::step_program& program);
    void execute(const std::string& sql);

    /// server_version_num, e.g. 150018.
    int server_version();

    /// The libpqxx connection, for the other parts of runtime/db (lock, history, checks).
    pqxx::connection_base& native();

    /// Called after each statement runs, with its wall time in seconds (the runner's --echo).
    using statement_observer = std::function<void(const std::string& sql, double seconds)>;
    void observe_statements(statement_observer observer) { m_observer = std::move(observer); }

private:
    /// A transactional block in one round trip; `current` names the statement being read back.
    void run_pipelined(const plan::block& block, const render::statement*& current);

    struct impl;
    std::unique_ptr<impl> m;
    statement_observer m_observer;
};

/// A sink that applies step programs to a live database.
class database_sink final : public plan::sink {
public:
    explicit database_sink(session& s) : m_session(s) {}
    void prepare(const render::statement& create_version_table) override;
    void run(const plan::step_program& program) override;

private:
    session& m_session;
};

}  // namespace retort::db
