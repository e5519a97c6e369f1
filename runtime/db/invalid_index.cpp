#include "db/invalid_index.hpp"

#include "core/errors.hpp"
#include "core/text.hpp"
#include "db/session.hpp"

#include <pqxx/pqxx>

#include <regex>

namespace retort::db {

std::optional<std::string> concurrent_index_name(const std::string& sql) {
    static const std::regex pattern(
        R"(^\s*CREATE\s+(UNIQUE\s+)?INDEX\s+CONCURRENTLY\s+(IF\s+NOT\s+EXISTS\s+)?((\"[^\"]+\"|[A-Za-z0-9_$]+)(\.(\"[^\"]+\"|[A-Za-z0-9_$]+))?)\s+ON\s)",
        std::regex::icase);
    std::smatch m;
    if (!std::regex_search(sql, m, pattern)) return std::nullopt;
    return m[3].str();
}

bool is_invalid_index(session& s, const std::string& name) {
    pqxx::nontransaction tx(s.native());
    return tx.exec_params1("SELECT count(*) FROM pg_index WHERE NOT indisvalid AND indexrelid = to_regclass($1)", name)[0]
               .as<int>() > 0;
}

void drop_if_invalid(session& s, const std::string& name, const std::function<void(const std::string&)>& notice) {
    try {
        if (!is_invalid_index(s, name)) return;
        if (notice)
            notice("dropping the INVALID index " + name + " a failed CREATE INDEX CONCURRENTLY left, before retrying");
        s.execute("DROP INDEX CONCURRENTLY " + name);
    } catch (const pqxx::sql_error& e) {
        throw database_error("cannot drop the INVALID index " + name + ": " + one_line(e.what()), e.sqlstate());
    }
}

}  // namespace retort::db
