#include "init.hpp"

#include "config/project_file.hpp"
#include "core/errors.hpp"
#include "schema/sql_header.hpp"

#include <cctype>
#include <fstream>
#include <ostream>

namespace retort::gen {

namespace fs = std::filesystem;

namespace {
void write_file(const fs::path& path, const std::string& text) {
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f << text;
    f.close();
    if (!f) throw error("cannot write " + path.string());
}
/// The folder's name as a CMake project name: "my app" -> "my_app".
std::string project_name(const fs::path& dir) {
    fs::path p = fs::absolute(dir).lexically_normal();
    if (!p.has_filename()) p = p.parent_path();
    std::string name;
    for (char c : p.filename().string()) name += std::isalnum(static_cast<unsigned char>(c)) || c == '-' ? c : '_';
    return name.empty() ? "app" : name;
}
}  // namespace

std::string cmake_snippet() {
    return "# Retort: build `runner` from every revision in migrations/ (the graph is checked at build time).\n"
           "find_package(Retort CONFIG REQUIRED)\n"
           "add_migrations(runner ${CMAKE_CURRENT_SOURCE_DIR}/migrations)\n";
}

std::string initial_config() {
    return "# Retort settings for this project. Command-line flags override them; `runner config` shows\n"
           "# the effective values. mkrev and the runner find this file from any subfolder.\n"
           "[retort]\n"
           "# Revision files, relative to this file.\n"
           "migrations = migrations\n"
           "\n"
           "# The database: the variable named by url_env (DATABASE_URL by default) wins over url; with\n"
           "# neither, libpq's PG* variables apply. Keep passwords out of this file (use ~/.pgpass).\n"
           "url_env = DATABASE_URL\n"
           "# url = postgresql://app@localhost:5432/app\n"
           "\n"
           "# Where the applied revisions are recorded (alembic_version continues an Alembic database).\n"
           "version_table = retort_version\n"
           "# version_table_schema = public\n"
           "\n"
           "# Durations: a whole number and us, ms, s, min, h or d (a bare number is ms); 0: no limit.\n"
           "# lock_timeout = 5s         # default 5s: how long a statement may wait for a table lock\n"
           "# statement_timeout = 0     # default 0 (none)\n"
           "# lock_wait = 5min          # default 5min: how long to wait for another runner's migration lock\n"
           "\n"
           "# per-revision (each revision commits on its own) or single (one transaction for the run).\n"
           "transaction_mode = per-revision\n";
}

void init_project(const fs::path& dir, std::ostream& out) {
    fs::path ini = dir / config::file_name, migrations = dir / "migrations", cmake = dir / "CMakeLists.txt";
    if (fs::exists(ini)) throw usage_error(ini.string() + " exists already; not overwriting it");
    if (fs::is_directory(migrations) && !fs::is_empty(migrations))
        throw usage_error(migrations.string() + " exists already and is not empty");
    std::error_code ec;
    fs::create_directories(migrations, ec);
    if (ec) throw error("cannot create " + migrations.string() + ": " + ec.message());
    write_file(ini, initial_config());
    out << "created " << ini.string() << "\ncreated " << migrations.string() << "/\n";
    // The schema at head, kept current by `runner schema --check schema.sql` in CI; no revisions yet.
    fs::path schema_file = dir / "schema.sql";
    if (!fs::exists(schema_file)) {
        write_file(schema_file, schema::canonical_sql_header);
        out << "created " << schema_file.string() << "\n";
    }
    // Build folders stay out of git (a user's first `git add .` would take them otherwise).
    fs::path gitignore = dir / ".gitignore";
    if (!fs::exists(gitignore)) {
        write_file(gitignore, "# Build folders (cmake -B build, presets' build/<name>, IDEs).\n/build/\n/build-*/\n/cmake-build-*/\n"
                              "/out/\n");
        out << "created " << gitignore.string() << "\n";
    }
    if (!fs::exists(cmake)) {
        write_file(cmake, "cmake_minimum_required(VERSION 3.25)\nproject(" + project_name(dir) + " LANGUAGES CXX)\n\n" + cmake_snippet());
        out << "created " << cmake.string() << "\n";
    } else {
        out << "\n" << cmake.string() << " exists; add these lines to it:\n\n" << cmake_snippet();
    }
}

}  // namespace retort::gen
