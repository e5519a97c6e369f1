#include "db/session.hpp"

#include "core/errors.hpp"
#include "core/redact.hpp"
#include "db/connect.hpp"
#include "core/text.hpp"
#include "render/quoting.hpp"

#include <libpq-fe.h>
#include <pqxx/pqxx>

#include <cstdlib>
#include <iostream>

namespace retort::db {

namespace {

/// Validates the connection string with libpq's own parser and registers its password as a secret.
void check_conninfo(const std::string& conninfo) {
    if (const char* env = std::getenv("PGPASSWORD")) register_secret(env);
    register_password_file_secrets();
    if (conninfo.empty()) return;
    char* message = nullptr;
    PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &message);
    if (!options) {
        std::string why = message ? one_line(message) : "libpq could not parse it";
        PQfreemem(message);
        register_secret(conninfo);  // an unparsable string may still hold a password
        throw usage_error("invalid database URL: " + why);
    }
    for (PQconninfoOption* o = options; o->keyword; ++o)
        if (std::string(o->keyword) == "password" && o->val) register_secret(o->val);
    PQconninfoFree(options);
}

}  // namespace

struct session::impl {
    explicit impl(const std::string& conninfo) : conn(conninfo), notices(conn) {}
    pqxx::connection conn;
    // Server notices ("relation already exists, skipping") are not the user's business.
    pqxx::quiet_errorhandler notices;
};

session::session(const std::string& conninfo) {
    check_conninfo(conninfo);
    try {
        m = std::make_unique<impl>(conninfo);
    } catch (const std::exception& e) {
        throw error("cannot connect to the database: " + redact(one_line(e.what())));
    }
}

session::~session() = default;

pqxx::connection_base& session::native() { return m->conn; }

std::vector<std::string> session::read_versions(const render::version_table& table) {
    try {
        pqxx::read_transaction tx(m->conn);
        auto exists = tx.exec_params1("SELECT to_regclass($1) IS NOT NULL", table.qualified_name());
        if (!exists[0].as<bool>()) return {};
        std::vector<std::string> rows;
        for (const auto& row : tx.exec(render::select_versions(table))) rows.push_back(row[0].c_str());
        return rows;
    } catch (const pqxx::sql_error& e) {
        throw database_error("cannot read the version table " + table.qualified_name() + ": " + one_line(e.what()),
                             e.sqlstate());
    } catch (const pqxx::broken_connection& e) {
        throw error("lost the database connection: " + one_line(e.what()));
    }
}

void session::execute(const std::string& sql) {
    try {
        pqxx::nontransaction tx(m->conn);
        tx.exec(sql);
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
                    pqxx::nontransaction tx(m->conn);
                    tx.exec(s.sql);
                }
                continue;
            }
            pqxx::work tx(m->conn);
            // One round trip for the block: the pipeline sends the statements together and
            // still tells which one failed.
            pqxx::pipeline pipe(tx);
            pipe.retain(static_cast<int>(block.statements.size()) + 1);
            std::vector<std::pair<pqxx::pipeline::query_id, const render::statement*>> sent;
            for (const auto& s : block.statements) sent.emplace_back(pipe.insert(s.sql), &s);
            pipe.resume();
            for (const auto& [id, s] : sent) {
                current = s;
                pipe.retrieve(id);
            }
            pipe.complete();
            current = nullptr;
            tx.commit();
        } catch (const pqxx::sql_error& e) {
            std::string where = current ? " in statement: " + shorten(current->sql) : "";
            std::string state = e.sqlstate().empty() ? "" : " [SQLSTATE " + e.sqlstate() + "]";
            throw database_error("revision " + program.revision + " failed and was rolled back: " +
                                     one_line(e.what()) + state + where,
                                 e.sqlstate());
        } catch (const pqxx::broken_connection& e) {
            throw error("lost the database connection during revision " + program.revision + ": " +
                        one_line(e.what()));
        } catch (const pqxx::in_doubt_error& e) {
            throw error("revision " + program.revision +
                        ": the connection broke during COMMIT; check the version table before re-running");
        }
    }
}

void database_sink::prepare(const render::statement& create_version_table) {
    m_session.execute(create_version_table.sql);
}

void database_sink::run(const plan::step_program& program) {
    if (m_echo) std::cerr << "Running " << program.title << "\n";
    m_session.run(program);
}

}  // namespace retort::db
