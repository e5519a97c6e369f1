#include "db/session.hpp"

#include "core/errors.hpp"
#include "core/redact.hpp"
#include "core/text.hpp"
#include "db/backfill.hpp"
#include "db/connect.hpp"
#include "db/conninfo.hpp"
#include "db/live_connection.hpp"
#include "db/lock.hpp"
#include "render/quoting.hpp"

#include <pqxx/pqxx>

#include <chrono>
#include <cstdlib>

namespace retort::db {

namespace {

/// Registers every password the connection may use as a secret, after libpq's check of the string.
void register_secrets(const std::string& conninfo) {
    if (const char* env = std::getenv("PGPASSWORD")) register_secret(env);
    register_password_file_secrets();
    check_conninfo(conninfo);
}

/// libpq checks some values only when connecting (a port, sslmode and the other keyword
/// options, an integer option): such a refusal is malformed input, not a failed connection.
bool malformed_option(const std::string& message) {
    for (const char* start : {"invalid port number", "invalid integer value", "could not match "})
        if (message.rfind(start, 0) == 0) return true;
    // "invalid sslmode value: "bogus"", "invalid target_session_attrs value: ..."
    auto space = message.find(' ', 8);
    return message.rfind("invalid ", 0) == 0 && space != std::string::npos &&
           message.compare(space, 8, " value: ") == 0;
}

using clock = std::chrono::steady_clock;

double seconds_since(clock::time_point& since) {
    auto now = clock::now();
    double s = std::chrono::duration<double>(now - since).count();
    since = now;
    return s;
}

/// Bound parameters, C++ code and raw SQL cannot go through the pipeline: it counts one result a
/// statement, and a raw string may hold several. Such a block runs statement by statement.
bool needs_one_by_one(const plan::block& block) {
    for (const auto& s : block.statements)
        if (s.code || !s.params.empty() || s.raw) return true;
    return false;
}

}  // namespace

struct session::impl {
    explicit impl(const std::string& conninfo) : conn(conninfo), notices(conn) {}
    pqxx::connection conn;
    // Declared after conn, so it is released before the connection closes.
    std::unique_ptr<migration_lock> lock;
    // Server notices ("relation already exists, skipping") are not the user's business.
    pqxx::quiet_errorhandler notices;
};

session::session(const std::string& conninfo) {
    register_secrets(conninfo);
    try {
        m = std::make_unique<impl>(conninfo);
    } catch (const std::exception& e) {
        std::string why = redact(one_line(e.what()));
        if (malformed_option(why)) throw usage_error("invalid database URL: " + why);
        throw connection_error("cannot connect to the database: " + why);
    }
}

session::~session() = default;

int session::server_version() { return native().server_version(); }

pqxx::connection_base& session::native() { return m->conn; }

void session::lock_migrations(std::int64_t key, std::chrono::milliseconds wait,
                              const std::function<void(const std::string&)>& on_wait) {
    m->lock = std::make_unique<migration_lock>(*this, key, wait, on_wait);
}

std::vector<std::string> session::read_versions(const render::version_table& table) {
    try {
        // One query, no transaction around it: a fleet reads this once per target. A missing
        // table (or schema) is a database at base.
        pqxx::nontransaction tx(m->conn);
        std::vector<std::string> rows;
        for (const auto& row : tx.exec(render::select_versions(table))) rows.push_back(row[0].c_str());
        return rows;
    } catch (const pqxx::sql_error& e) {
        if (e.sqlstate() == "42P01" || e.sqlstate() == "3F000") return {};
        throw database_error("cannot read the version table " + table.qualified_name() + ": " + one_line(e.what()),
                             e.sqlstate());
    } catch (const pqxx::broken_connection& e) {
        throw connection_error("lost the database connection: " + one_line(e.what()));
    }
}

void session::execute(const std::string& sql) {
    try {
        pqxx::nontransaction tx(m->conn);
        auto start = clock::now();
        tx.exec(sql);
        if (m_observer) m_observer(sql, seconds_since(start));
    } catch (const pqxx::sql_error& e) {
        throw database_error(one_line(e.what()) + " in statement: " + shorten(sql), e.sqlstate());
    }
}

void session::run(const plan::step_program& program) {
    for (std::size_t b = 0; b < program.blocks.size(); ++b) {
        const auto& block = program.blocks[b];
        const render::statement* current = nullptr;
        try {
            if (!block.transactional) {
                for (const auto& s : block.statements) {
                    current = &s;
                    if (s.backfill) {  // without a journal here (verify's scratch runs): from the start
                        run_backfill(*this, *s.backfill, {});
                        continue;
                    }
                    pqxx::nontransaction tx(m->conn);
                    auto start = clock::now();
                    execute_statement(tx, s);
                    if (m_observer) m_observer(s.sql, seconds_since(start));
                }
                continue;
            }
            if (m_observer || needs_one_by_one(block)) {
                pqxx::work tx(m->conn);
                // Watched runs (--echo) also go one statement at a time, so each has a time of its own.
                for (const auto& s : block.statements) {
                    current = &s;
                    auto start = clock::now();
                    execute_statement(tx, s);
                    if (m_observer) m_observer(s.sql, seconds_since(start));
                }
                current = nullptr;
                tx.commit();
                continue;
            }
            run_pipelined(block, current);
        } catch (const pqxx::sql_error& e) {
            std::string where = current ? " in statement: " + shorten(current->sql) : "";
            std::string state = e.sqlstate().empty() ? "" : " [SQLSTATE " + e.sqlstate() + "]";
            throw database_error("revision " + program.revision + " failed and was rolled back: " +
                                     one_line(e.what()) + state + where,
                                 e.sqlstate());
        } catch (const pqxx::broken_connection&) {
            // libpqxx's own text ("Could not obtain client encoding: not connected.") says nothing
            // useful. The transaction never reached COMMIT, so the server rolled it back.
            throw connection_error("the server closed the connection while revision " + program.revision +
                        " was running (pg_terminate_backend, a server stop or a network failure); PostgreSQL "
                        "rolled it back");
        } catch (const pqxx::in_doubt_error& e) {
            throw error("revision " + program.revision +
                        ": the connection broke during COMMIT; check the version table before re-running");
        } catch (const retort::error&) {
            throw;
        } catch (const std::exception& e) {
            // A revision's own C++ (op.run_code) throws its own exceptions; libpqxx's usage errors land here too.
            std::string origin = current && current->code ? "its run_code threw: " : "";
            throw error("revision " + program.revision + " failed and was rolled back: " + origin + one_line(e.what()));
        }
    }
}

void session::run_pipelined(const plan::block& block, const render::statement*& current) {
    // One round trip for the whole transaction: BEGIN, the statements and COMMIT go to the server
    // as one pipeline (libpqxx sends them as one query string), which still tells which statement
    // failed. The server skips the rest of the string after an error, leaving the transaction
    // aborted; the ROLLBACK below ends it, so nothing of the block remains.
    try {
        pqxx::nontransaction tx(m->conn);
        pqxx::pipeline pipe(tx);
        pipe.retain(static_cast<int>(block.statements.size()) + 3);
        auto begin = pipe.insert("BEGIN");
        std::vector<std::pair<pqxx::pipeline::query_id, const render::statement*>> sent;
        for (const auto& s : block.statements) sent.emplace_back(pipe.insert(s.sql), &s);
        auto commit = pipe.insert("COMMIT");
        pipe.resume();
        pipe.retrieve(begin);
        for (const auto& [id, s] : sent) {
            current = s;
            pipe.retrieve(id);
        }
        current = nullptr;
        pipe.retrieve(commit);
        pipe.complete();
    } catch (const pqxx::sql_error&) {
        try {
            pqxx::nontransaction(m->conn).exec("ROLLBACK");
        } catch (const pqxx::sql_error&) {
            // Nothing to roll back (a failed COMMIT already did); the original error is what counts.
        }
        throw;
    } catch (const pqxx::broken_connection& e) {
        // COMMIT went with the rest: the block may or may not have committed.
        throw error("the server closed the connection while a revision was being applied, its COMMIT already sent (" +
                    one_line(e.what()) + "); it may have committed: check the version table before re-running");
    }
}

void database_sink::prepare(const render::statement& create_version_table) {
    m_session.execute(create_version_table.sql);
}

void database_sink::run(const plan::step_program& program) {
    m_session.run(program);
}

}  // namespace retort::db
