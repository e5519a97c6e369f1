// `mkrev --init DIR`: a new Retort project in DIR, as `alembic init` makes one: retort.ini, an
// empty migrations/ folder, and the CMake lines that build the project's runner.
#pragma once

#include <filesystem>
#include <string>

namespace retort::gen {

/// The lines a CMakeLists.txt needs to build `runner` from DIR/migrations.
std::string cmake_snippet();

/// The retort.ini a new project starts with (every setting shown, the optional ones commented).
std::string initial_config();

/// Creates the project; writes DIR/CMakeLists.txt only when there is none. Prints what it made to
/// `out`. Refuses (retort::usage_error) when DIR already has a retort.ini or a non-empty migrations/.
void init_project(const std::filesystem::path& dir, std::ostream& out);

}  // namespace retort::gen
