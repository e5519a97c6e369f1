// The targets of a fleet run: databases (a file of connection strings, or a query on a control
// database) or tenant schemas in one database. Bad input is a usage error (exit 2).
#pragma once

#include <string>
#include <vector>

namespace retort::db {
class session;
}

namespace retort::fleet {

/// One database, or one tenant schema of a database (the version and history tables then live in
/// `schema`, and the search path is `schema, public` while its revisions run).
struct target {
    std::string name;
    std::string conninfo;
    std::string schema;
};

/// `--targets FILE`: a connection string or URL a line, or `name<TAB>url`; `#` comments, blank lines.
std::vector<target> read_targets_file(const std::string& path);

/// Lines of a targets file (the file's text); `origin` names it in errors.
std::vector<target> parse_targets(const std::string& text, const std::string& origin);

/// `--targets-sql`: rows of (name, url) from the control database.
std::vector<target> query_targets(db::session& control, const std::string& sql);

/// `--schemas a,b,c`: one target a schema, all on `conninfo`.
std::vector<target> schema_targets(const std::string& conninfo, const std::vector<std::string>& schemas);

/// `--schemas-sql`: the schema names the query returns (first column) on the database itself.
std::vector<std::string> query_schemas(db::session& s, const std::string& sql);

/// host:port/database[/schema] as libpq resolves the connection string: two targets with the same
/// identity are the same place, however they are written.
std::string identity(const target& t);

/// Refuses two targets with the same name or the same identity (exit 2), naming both.
void refuse_duplicates(const std::vector<target>& targets);

/// The connection string with its password masked, for reports.
std::string masked(const std::string& conninfo);

}  // namespace retort::fleet
