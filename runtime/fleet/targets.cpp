#include "fleet/targets.hpp"

#include "core/errors.hpp"
#include "core/redact.hpp"
#include "core/text.hpp"
#include "db/conninfo.hpp"
#include "db/session.hpp"

#include <libpq-fe.h>
#include <pqxx/pqxx>

#include <fstream>
#include <map>
#include <sstream>

namespace retort::fleet {

namespace {

std::string trim(const std::string& s) {
    auto b = s.find_first_not_of(" \t\r");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

/// libpq's parse of a connection string, with PG* defaults for what it leaves out.
std::map<std::string, std::string> parsed(const std::string& conninfo, const std::string& where) {
    char* message = nullptr;
    PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &message);
    if (!options) {
        std::string why = message ? one_line(message) : "libpq could not parse it";
        PQfreemem(message);
        register_secret(conninfo);
        throw usage_error(where + ": invalid connection string: " + why);
    }
    std::map<std::string, std::string> out;
    for (PQconninfoOption* o = options; o->keyword; ++o)
        if (o->val) out[o->keyword] = o->val;
    PQconninfoFree(options);
    return out;
}

std::string value_or_env(const std::map<std::string, std::string>& p, const char* key, const char* env,
                         const char* fallback) {
    auto i = p.find(key);
    if (i != p.end() && !i->second.empty()) return i->second;
    if (const char* e = std::getenv(env); e && *e) return e;
    return fallback;
}

}  // namespace

std::vector<target> parse_targets(const std::string& text, const std::string& origin) {
    std::vector<target> out;
    std::istringstream in(text);
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        std::string content = trim(line);
        if (content.empty() || content[0] == '#') continue;
        target t;
        auto tab = content.find('\t');
        if (tab != std::string::npos) {
            t.name = trim(content.substr(0, tab));
            t.conninfo = trim(content.substr(tab + 1));
        } else {
            t.conninfo = content;
        }
        std::string where = origin + ":" + std::to_string(number);
        if (t.conninfo.empty()) throw usage_error(where + ": a name without a connection string");
        parsed(t.conninfo, where);  // refuses what libpq cannot parse, with the password masked
        if (t.name.empty()) t.name = identity(t);
        out.push_back(std::move(t));
    }
    return out;
}

std::vector<target> read_targets_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw usage_error("--targets " + path + ": cannot read the file");
    std::stringstream text;
    text << in.rdbuf();
    auto targets = parse_targets(text.str(), path);
    if (targets.empty()) throw usage_error("--targets " + path + ": no targets in the file");
    return targets;
}

std::vector<target> query_targets(db::session& control, const std::string& sql) {
    std::vector<target> out;
    try {
        pqxx::read_transaction tx(control.native());
        auto rows = tx.exec(sql);
        if (rows.columns() != 2) throw usage_error("--targets-sql must return two columns, name and url");
        for (const auto& row : rows) {
            if (row[0].is_null() || row[1].is_null())
                throw usage_error("--targets-sql returned a NULL name or url");
            target t{row[0].c_str(), row[1].c_str(), ""};
            parsed(t.conninfo, "--targets-sql row " + t.name);
            out.push_back(std::move(t));
        }
    } catch (const pqxx::sql_error& e) {
        throw usage_error("--targets-sql failed: " + one_line(e.what()));
    }
    return out;
}

std::vector<target> schema_targets(const std::string& conninfo, const std::vector<std::string>& schemas) {
    std::vector<target> out;
    for (const auto& s : schemas) {
        if (s.empty()) throw usage_error("--schemas: an empty schema name");
        out.push_back({s, conninfo, s});
    }
    return out;
}

std::vector<std::string> query_schemas(db::session& s, const std::string& sql) {
    std::vector<std::string> out;
    try {
        pqxx::read_transaction tx(s.native());
        for (const auto& row : tx.exec(sql)) {
            if (row[0].is_null()) throw usage_error("--schemas-sql returned a NULL schema name");
            out.push_back(row[0].c_str());
        }
    } catch (const pqxx::sql_error& e) {
        throw usage_error("--schemas-sql failed: " + one_line(e.what()));
    }
    return out;
}

std::string identity(const target& t) {
    auto p = parsed(t.conninfo, t.name.empty() ? std::string("target") : t.name);
    std::string host = value_or_env(p, "host", "PGHOST", "localhost");
    if (auto a = p.find("hostaddr"); a != p.end() && !a->second.empty()) host = a->second;
    std::string port = value_or_env(p, "port", "PGPORT", "5432");
    std::string user = value_or_env(p, "user", "PGUSER", "");
    std::string db = value_or_env(p, "dbname", "PGDATABASE", user.c_str());
    return host + ":" + port + "/" + db + (t.schema.empty() ? "" : "/" + t.schema);
}

void refuse_duplicates(const std::vector<target>& targets) {
    std::map<std::string, std::string> names, places;
    for (const auto& t : targets) {
        if (!names.emplace(t.name, t.name).second) throw usage_error("duplicate target name '" + t.name + "'");
        auto place = identity(t);
        auto [at, fresh] = places.emplace(place, t.name);
        if (!fresh)
            throw usage_error("targets '" + at->second + "' and '" + t.name + "' are the same database (" + place + ")");
    }
}

std::string masked(const std::string& conninfo) { return db::mask_conninfo(conninfo); }

}  // namespace retort::fleet
