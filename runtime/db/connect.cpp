#include "db/connect.hpp"

#include "core/errors.hpp"
#include "core/redact.hpp"
#include "db/session.hpp"
#include "core/text.hpp"
#include "render/quoting.hpp"

#include <libpq-fe.h>
#include <pqxx/pqxx>

#include <cstdlib>
#include <fstream>

namespace retort::db {

namespace {
std::string server_version_text(int number) {
    return std::to_string(number / 10000) + "." + std::to_string(number % 10000);
}
}  // namespace

void prepare_connection(session& s, const connect_settings& settings) {
    auto& conn = s.native();
    int version = conn.server_version();
    if (version < oldest_supported_server)
        throw error("PostgreSQL " + server_version_text(version) + " is not supported: Retort needs " +
                    std::to_string(oldest_supported_server / 10000) + " or newer");
    try {
        pqxx::nontransaction tx(conn);
        // Retort writes literals as '...' with '' doubled and nothing else escaped: with the
        // setting off (a database or role may set it), a backslash in a comment or a default would
        // escape the closing quote, and the rest of the text would run as SQL.
        // A runner killed mid-statement (SIGKILL, a lost container) must not leave its backend
        // running the statement, holding table locks and the migration lock: PostgreSQL 14+ then
        // notices the vanished client within a second and rolls back. One round trip for both: a
        // fleet pays it once per target.
        tx.exec(std::string("SET ") + render::literal_setting +
                (version >= 140000 ? "; SET client_connection_check_interval = '1s'" : ""));
        if (!settings.role.empty()) tx.exec("SET ROLE " + tx.quote_name(settings.role));
        if (!settings.search_path.empty())
            tx.exec_params("SELECT set_config('search_path', $1, false)", settings.search_path);
    } catch (const pqxx::sql_error& e) {
        throw database_error("cannot apply --role/--search-path: " + one_line(e.what()), e.sqlstate());
    }
}

void refuse_transaction_pooler(const std::string& conninfo, session& s) {
    try {
        int ours = 0;
        {
            pqxx::nontransaction tx(s.native());
            ours = tx.exec("SELECT pg_backend_pid()")[0][0].as<int>();
        }
        // Our connection is idle now. Directly or behind a session-mode pooler its backend stays
        // ours, so another client can never be handed it.
        session probe(conninfo);
        pqxx::nontransaction tx(probe.native());
        int theirs = tx.exec("SELECT pg_backend_pid()")[0][0].as<int>();
        if (theirs == ours)
            throw error("the database URL leads through a connection pooler in transaction mode (e.g. pgbouncer "
                        "pool_mode=transaction): the migration lock would not hold; connect directly to PostgreSQL or "
                        "through a session-mode pool");
    } catch (const pqxx::sql_error& e) {
        throw database_error("cannot check the connection: " + one_line(e.what()), e.sqlstate());
    }
}

std::string with_database(const std::string& conninfo, const std::string& database) {
    char* message = nullptr;
    PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &message);
    if (!options) {
        PQfreemem(message);
        throw usage_error("invalid database URL");
    }
    auto quoted = [](const std::string& v) {
        std::string out = "'";
        for (char c : v) {
            if (c == '\\' || c == '\'') out += '\\';
            out += c;
        }
        return out + "'";
    };
    std::string out;
    for (PQconninfoOption* o = options; o->keyword; ++o) {
        std::string key = o->keyword;
        if (key == "dbname" || !o->val) continue;
        out += key + "=" + quoted(o->val) + " ";
    }
    PQconninfoFree(options);
    return out + "dbname=" + quoted(database);
}

void register_password_file_secrets() {
    std::string path;
    if (const char* file = std::getenv("PGPASSFILE")) path = file;
    else if (const char* home = std::getenv("HOME")) path = std::string(home) + "/.pgpass";
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        // host:port:database:user:password, with \: and \\ escaped: the password is the fifth field.
        int field = 0;
        std::string password;
        for (std::size_t i = 0; i < line.size(); ++i) {
            if (line[i] == '\\' && i + 1 < line.size()) {
                if (field == 4) password += line[i + 1];
                ++i;
            } else if (line[i] == ':' && field < 4) {
                ++field;
            } else if (field == 4) {
                password += line[i];
            }
        }
        if (field == 4) register_secret(password);
    }
}

}  // namespace retort::db
