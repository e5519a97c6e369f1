#include "config/settings.hpp"

#include "core/errors.hpp"

#include <cctype>
#include <cstdlib>

namespace retort::config {

namespace fs = std::filesystem;

namespace {

/// "10s", "500ms", "2min", "0": what PostgreSQL takes for lock_timeout and statement_timeout.
/// A bare number means milliseconds, as in PostgreSQL.
bool valid_duration(const std::string& text) {
    std::size_t i = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    if (i == 0) return false;
    std::string unit = text.substr(i);
    return unit.empty() || unit == "us" || unit == "ms" || unit == "s" || unit == "min" || unit == "h" || unit == "d";
}

class resolver {
public:
    resolver(const std::optional<project_file>& file, const env_lookup& env) : m_file(file), m_env(env) {}

    /// flag > file > default
    value pick(const std::optional<std::string>& flag, const char* flag_name, const std::string& key,
               const std::string& fallback) const {
        if (flag) return {*flag, flag_name};
        if (auto v = from_file(key)) return *v;
        return {fallback, "default"};
    }

    std::optional<value> from_file(const std::string& key) const {
        if (!m_file) return std::nullopt;
        auto e = m_file->find(key);
        if (!e) return std::nullopt;
        return value{e->value, m_file->path.string() + ":" + std::to_string(e->line)};
    }

    std::optional<std::string> env(const std::string& name) const { return m_env(name); }

private:
    const std::optional<project_file>& m_file;
    const env_lookup& m_env;
};

void check_duration(const value& v, const char* name) {
    if (!v.text.empty() && !valid_duration(v.text))
        throw usage_error(std::string(name) + " '" + v.text + "' (from " + v.source +
                          ") is not a duration such as 500ms, 10s, 2min or 0");
}

}  // namespace

std::optional<std::string> process_env(const std::string& name) {
    const char* v = std::getenv(name.c_str());
    if (!v || !*v) return std::nullopt;
    return std::string(v);
}

settings resolve(const std::optional<project_file>& file, const overrides& flags, const env_lookup& env) {
    resolver r(file, env);
    settings s;
    if (file) s.file = file->path;

    s.url_env = r.pick(std::nullopt, "", "url_env", "DATABASE_URL");
    if (flags.url) s.url = {*flags.url, "--database-url"};
    else if (auto v = r.env(s.url_env.text)) s.url = {*v, "$" + s.url_env.text};
    else if (auto v = r.from_file("url")) s.url = *v;
    else s.url = {"", "default"};

    if (flags.migrations) s.migrations = {*flags.migrations, "--dir"};
    else if (auto v = r.from_file("migrations")) s.migrations = {(file->folder() / v->text).lexically_normal().string(), v->source};
    else s.migrations = {((file ? file->folder() : fs::path()) / "migrations").string(), "default"};

    s.version_table = r.pick(flags.version_table, "--version-table", "version_table", "retort_version");
    s.version_table_schema = r.pick(flags.version_table_schema, "--version-table-schema", "version_table_schema", "");
    s.lock_timeout = r.pick(flags.lock_timeout, "--lock-timeout", "lock_timeout", "");
    s.statement_timeout = r.pick(flags.statement_timeout, "--statement-timeout", "statement_timeout", "");
    s.transaction_mode = r.pick(flags.transaction_mode, "--single-transaction", "transaction_mode", "per-revision");
    // The command's own flags (--max-lock-rows, --blocker-wait, ...) override these later.
    s.max_lock_rows = r.pick(std::nullopt, "", "max_lock_rows", "");
    s.blocker_wait = r.pick(std::nullopt, "", "blocker_wait", "1min");
    s.terminate_blockers_after = r.pick(std::nullopt, "", "terminate_blockers_after", "");

    if (s.version_table.text.empty())
        throw usage_error("version_table (from " + s.version_table.source + ") must not be empty");
    check_duration(s.lock_timeout, "lock_timeout");
    check_duration(s.statement_timeout, "statement_timeout");
    check_duration(s.blocker_wait, "blocker_wait");
    check_duration(s.terminate_blockers_after, "terminate_blockers_after");
    if (s.max_lock_rows.text.find_first_not_of("0123456789") != std::string::npos || s.max_lock_rows.text.size() > 15)
        throw usage_error("max_lock_rows '" + s.max_lock_rows.text + "' (from " + s.max_lock_rows.source +
                          ") must be a number of rows");
    if (s.transaction_mode.text != "per-revision" && s.transaction_mode.text != "single")
        throw usage_error("transaction_mode '" + s.transaction_mode.text + "' (from " + s.transaction_mode.source +
                          ") must be per-revision or single");
    return s;
}

settings load(const fs::path& start, const std::optional<fs::path>& explicit_file, const overrides& flags,
              const env_lookup& env) {
    std::optional<fs::path> path = explicit_file ? explicit_file : find_project_file(start);
    std::optional<project_file> file;
    if (path) file = read_project_file(*path);
    settings s = resolve(file, flags, env);
    s.file_source = explicit_file ? "--config" : "found from " + start.string() + " upward";
    return s;
}

}  // namespace retort::config
