#include "config/settings.hpp"

#include "config/duration.hpp"
#include "config/row_count.hpp"
#include "core/errors.hpp"

#include <cstdlib>

namespace retort::config {

namespace fs = std::filesystem;

namespace {

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
    s.lock_timeout = r.pick(flags.lock_timeout, "--lock-timeout", "lock_timeout", default_lock_timeout);
    s.statement_timeout =
        r.pick(flags.statement_timeout, "--statement-timeout", "statement_timeout", default_statement_timeout);
    s.lock_wait = r.pick(flags.lock_wait, "--lock-wait", "lock_wait", default_lock_wait);
    s.transaction_mode = r.pick(flags.transaction_mode, "--single-transaction", "transaction_mode", "per-revision");
    s.max_lock_rows = r.pick(flags.max_lock_rows, "--max-lock-rows", "max_lock_rows", default_max_lock_rows);
    s.blocker_wait = r.pick(flags.blocker_wait, "--blocker-wait", "blocker_wait", default_blocker_wait);
    s.terminate_blockers_after = r.pick(flags.terminate_blockers_after, "--terminate-blockers-after",
                                        "terminate_blockers_after", default_terminate_blockers_after);

    if (s.version_table.text.empty())
        throw usage_error("version_table (from " + s.version_table.source + ") must not be empty");
    if (s.version_table.text.size() > longest_version_table_name)
        throw usage_error("version_table (from " + s.version_table.source + ") is " +
                          std::to_string(s.version_table.text.size()) + " bytes long; at most " +
                          std::to_string(longest_version_table_name) +
                          " fit, as PostgreSQL cuts its key's name (<table>_pkc) at 63");
    checked_duration("lock_timeout", s.lock_timeout.text, s.lock_timeout.source, true);
    checked_duration("statement_timeout", s.statement_timeout.text, s.statement_timeout.source, true);
    checked_duration("lock_wait", s.lock_wait.text, s.lock_wait.source, false);
    checked_duration("blocker_wait", s.blocker_wait.text, s.blocker_wait.source, false);
    checked_duration("terminate_blockers_after", s.terminate_blockers_after.text, s.terminate_blockers_after.source,
                     false);
    checked_row_count("max_lock_rows", s.max_lock_rows.text, s.max_lock_rows.source);
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
