// config: the settings a command would run with, and where each came from, password masked.
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "core/errors.hpp"
#include "core/redact.hpp"
#include "db/conninfo.hpp"

#include <cstdlib>
#include <iostream>

namespace retort::cli {

namespace {

void print(const std::string& key, const std::string& value, const std::string& source) {
    std::string line = key + " = " + redact(value);
    std::cout << line << std::string(line.size() < 48 ? 48 - line.size() : 1, ' ') << "# " << source << "\n";
}

/// With no URL, libpq connects from its PG* variables; say which are set.
std::string libpq_defaults() {
    std::string out;
    for (const char* name : {"PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER", "PGPASSWORD", "PGSERVICE",
                             "PGSSLMODE", "PGPASSFILE"}) {
        const char* v = std::getenv(name);
        if (!v || !*v) continue;
        if (!out.empty()) out += ' ';
        out.append(name).append("=").append(std::string(name) == "PGPASSWORD" ? "***" : v);
    }
    return out.empty() ? "libpq defaults (no PG* variables set)" : "libpq from " + out;
}

}  // namespace

int cmd_config(context& ctx, const std::vector<std::string>& args) {
    boost::program_options::options_description desc;
    if (!parse_command("config", "runner config\n\nPrints the effective settings, one 'key = value' a line, each with "
                                 "where it came from.\nPrecedence: flags, then the environment, then retort.ini "
                                 "(found from the working directory upward), then defaults.\n"
                                 "Example: runner --config deploy/retort.ini config",
                       desc, {}, args))
        return exit_ok;
    const auto& s = ctx.settings;
    print("config_file", s.file ? s.file->string() : "", s.file ? s.file_source : "none found");
    print("url", db::mask_conninfo(s.url.text), s.url.text.empty() ? libpq_defaults() : s.url.source);
    print("url_env", s.url_env.text, s.url_env.source);
    print("migrations", s.migrations.text, s.migrations.source);
    print("version_table", s.version_table.text, s.version_table.source);
    print("version_table_schema", s.version_table_schema.text, s.version_table_schema.source);
    print("lock_timeout", s.lock_timeout.text, s.lock_timeout.source);
    print("statement_timeout", s.statement_timeout.text, s.statement_timeout.source);
    print("lock_wait", s.lock_wait.text, s.lock_wait.source);
    print("transaction_mode", s.transaction_mode.text, s.transaction_mode.source);
    print("max_lock_rows", s.max_lock_rows.text, s.max_lock_rows.source);
    print("blocker_wait", s.blocker_wait.text, s.blocker_wait.source);
    print("terminate_blockers_after", s.terminate_blockers_after.text, s.terminate_blockers_after.source);
    return exit_ok;
}

}  // namespace retort::cli
