#include "db/backup.hpp"

#include "core/child_process.hpp"
#include "core/errors.hpp"
#include "core/redact.hpp"
#include "core/text.hpp"

#include <libpq-fe.h>

#include <filesystem>
#include <map>
#include <regex>

namespace retort::db {

namespace {

/// libpq's own parse of the connection string, as the variables libpq reads (PGHOST, PGPASSWORD…).
std::map<std::string, std::string> libpq_environment(const std::string& conninfo) {
    std::map<std::string, std::string> env;
    if (conninfo.empty()) return env;  // libpq's PG* variables already are the connection
    char* message = nullptr;
    PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &message);
    if (!options) {
        PQfreemem(message);
        throw usage_error("invalid database URL");
    }
    for (PQconninfoOption* o = options; o->keyword; ++o)
        if (o->val && o->envvar && *o->val) env[o->envvar] = o->val;
    PQconninfoFree(options);
    return env;
}

std::string first_line_of(const std::string& text) {
    auto start = text.find_first_not_of(" \n");
    if (start == std::string::npos) return "no message";
    return one_line(text.substr(start, text.find('\n', start) - start));
}

}  // namespace

int pg_dump_major(const std::string& version_line) {
    static const std::regex pattern(R"(\(PostgreSQL\) (\d+))");
    std::smatch m;
    if (!std::regex_search(version_line, m, pattern)) return 0;
    return std::stoi(m[1]);
}

void check_pg_dump(int server_version_num) {
    auto version = run_child({"pg_dump", "--version"});
    if (version.exit_code == 127)
        throw error("--backup needs pg_dump, which is not installed: apt-get install postgresql-client");
    int server = server_version_num / 10000;
    int ours = pg_dump_major(version.output);
    if (ours < server)
        throw error("--backup: pg_dump " + std::to_string(ours) + " cannot dump a PostgreSQL " + std::to_string(server) +
                    " server; install postgresql-client-" + std::to_string(server) + " (PostgreSQL's apt repository)");
}

backup_result take_backup(const std::string& conninfo, const std::string& role, const std::string& path) {
    namespace fs = std::filesystem;
    auto env = libpq_environment(conninfo);
    // Written beside the target and renamed when complete: a failed dump neither leaves a partial
    // file that passes for a backup nor destroys an older backup at the same path.
    const std::string partial = path + ".partial";
    std::vector<std::string> argv{"pg_dump", "--format=custom", "--no-password", "--file=" + partial};
    if (!role.empty()) argv.push_back("--role=" + role);
    auto started = std::chrono::steady_clock::now();
    auto result = run_child(argv, env);
    backup_result out;
    out.path = path;
    out.duration = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    std::error_code ec;
    if (result.exit_code != 0) {
        fs::remove(partial, ec);
        throw error("the backup to " + path + " failed, nothing was changed: " + redact(first_line_of(result.output)));
    }
    fs::rename(partial, path, ec);
    if (ec) {
        fs::remove(partial, ec);
        throw error("the backup to " + path + " failed, nothing was changed: cannot rename it into place");
    }
    out.bytes = fs::file_size(path, ec);
    return out;
}

}  // namespace retort::db
